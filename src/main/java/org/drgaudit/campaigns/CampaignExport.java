package org.drgaudit.campaigns;

import static org.drgaudit.shared.ExcelWorkbook.money;
import static org.drgaudit.shared.ExcelWorkbook.percent;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Sheet;
import org.drgaudit.findings.FindingView;
import org.drgaudit.shared.DrgAuditConfig;
import org.drgaudit.shared.ExcelWorkbook;

/**
 * A campaign's sample, decisions with their history, and results, as JSON or as an Excel workbook
 * (Apache POI) an inspector can hand to a hospital; optionally limited to one hospital. The workbook speaks
 * Chinese (labels for every code), shows date-times in the region's zone, names each finding's rule with its
 * explanation, and formats money as money.
 */
@ApplicationScoped
public class CampaignExport {

    @Inject
    CampaignService campaigns;

    @Inject
    ReviewService reviews;

    @Inject
    CampaignResults results;

    @Inject
    DrgAuditConfig config;

    /** Everything exported about a campaign (for one hospital when {@code hospital} is set). */
    public record Export(CampaignView campaign, String hospital, List<SampledCase> sample, List<ReviewView> reviews,
                         CampaignResults.Results results, OffsetDateTime exportedAt) {
    }

    @Transactional
    public Export export(long id, String hospital) {
        CampaignView c = campaigns.get(id);
        return new Export(c, hospital, campaigns.sample(id, hospital), reviews.list(id, null, hospital),
                results.results(id, hospital), OffsetDateTime.now());
    }

    public byte[] workbook(Export e) {
        try (ExcelWorkbook wb = new ExcelWorkbook(config.timeZone())) {
            campaignSheet(wb, e);
            Map<String, SampledCase> sample = e.sample().stream().collect(Collectors.toMap(SampledCase::caseId, Function.identity()));

            Sheet items = wb.sheet("审核结论", "审核编号", "病例", "医院", "抽取原因", "规则", "疑点说明", "疑点金额（元）",
                    "当前环节", "办理期限", "是否逾期", "逾期天数", "结论", "认定金额（元）", "正确病组");
            for (ReviewView v : e.reviews()) {
                SampledCase s = sample.get(v.caseId());
                wb.append(items, v.id(), v.caseId(), v.hospitalCode(), s == null ? null : CampaignLabels.reason(s.reason()),
                        lines(v.findings(), f -> f.ruleId() + " " + f.ruleName()), lines(v.findings(), FindingView::explanation),
                        money(s == null ? null : s.amountAtStake()), v.stepLabel(), v.deadline(), v.overdue(), v.overdueDays(),
                        v.outcomeLabel(), money(v.confirmedAmount()), v.correctGroup());
            }
            wb.widths(items, 10, 16, 8, 14, 30, 60, 14, 10, 20, 8, 8, 10, 14, 10);

            Sheet history = wb.sheet("审核记录", "审核编号", "病例", "环节", "操作", "操作人", "时间", "理由", "金额（元）", "正确病组");
            for (ReviewView v : e.reviews()) {
                for (ReviewView.Event ev : v.history()) {
                    wb.append(history, v.id(), v.caseId(), ev.stepLabel(), ev.actionLabel(), ev.actor(), ev.at(), ev.reason(),
                            money(ev.amount()), ev.correctGroup());
                }
            }
            wb.widths(history, 10, 16, 10, 10, 12, 20, 60, 14, 10);

            Sheet res = wb.sheet("结果", "医院", "普通病例数", "随机抽取", "已审结", "差错数", "差错率", "95%下限", "95%上限",
                    "认定金额（元）", "外推点估计（元）", "外推下限（单侧90%，元）");
            for (CampaignResults.HospitalResult h : e.results().hospitals()) {
                var x = h.extrapolation();
                wb.append(res, h.hospitalCode(), h.ordinaryCases(), h.randomSampled(), h.randomDecided(), h.randomErrors(),
                        percent(h.errorRate()), percent(h.errorRateLow95()), percent(h.errorRateHigh95()),
                        money(h.confirmedAmount()), money(x == null ? null : x.pointEstimate()),
                        money(x == null ? null : x.lowerBound90()));
            }
            wb.widths(res, 8, 12, 10, 8, 8, 10, 10, 10, 16, 18, 22);

            Sheet findings = wb.sheet("疑点明细", "审核编号", "病例", "疑点编号", "规则编号", "规则名称", "类别", "结果类型",
                    "说明", "违规金额（元）", "正确病组", "审核状态");
            for (ReviewView v : e.reviews()) {
                for (FindingView f : v.findings()) {
                    wb.append(findings, v.id(), v.caseId(), f.id(), f.ruleId(), f.ruleName(), CampaignLabels.family(f.family()),
                            CampaignLabels.resultType(f.resultType()), f.explanation(), money(f.amountAtStake()),
                            f.correctGroup(), CampaignLabels.reviewStatus(f.reviewStatus()));
                }
            }
            wb.widths(findings, 10, 16, 10, 10, 28, 14, 10, 80, 14, 10, 10);
            return wb.toBytes();
        }
    }

    private static void campaignSheet(ExcelWorkbook wb, Export e) {
        CampaignView c = e.campaign();
        Sheet info = wb.sheet("专项抽查");
        List<Object[]> rows = List.of(
                new Object[] {"编号", c.id()}, new Object[] {"名称", c.name()},
                new Object[] {"状态", CampaignLabels.status(c.status())},
                new Object[] {"结算月份", String.join("，", c.months())},
                new Object[] {"医院", e.hospital() == null ? "全部" : e.hospital()},
                new Object[] {"随机抽取比例", percent(c.randomShare() == null ? null : c.randomShare().doubleValue())},
                new Object[] {"每院最少", c.minPerHospital()}, new Object[] {"可疑疑点上限", c.maxSuspicious()},
                // as text: a 12-digit seed would show in scientific notation as a number
                new Object[] {"随机种子", String.valueOf(c.seed())},
                new Object[] {"抽样框 SHA-256", c.frameHash()},
                new Object[] {"抽样时公布的整框 SHA-256（旧算法）", c.flatFrameHash()},
                new Object[] {"抽样框病例数", c.frameSize() == null ? 0 : c.frameSize()},
                new Object[] {"创建人", c.createdBy()}, new Object[] {"创建时间", c.createdAt()},
                new Object[] {"抽样人", c.drawnBy()}, new Object[] {"抽样时间", c.drawnAt()},
                new Object[] {"结束人", c.closedBy()}, new Object[] {"结束时间", c.closedAt()},
                new Object[] {"结束时未办结审核数", c.openItemsAtClose()},
                new Object[] {"导出时间", e.exportedAt()});
        for (Object[] row : rows) {
            wb.append(info, row);
        }
        wb.widths(info, 20, 70);
    }

    /** One line per finding, in the item's order. */
    private static String lines(List<FindingView> findings, Function<FindingView, String> text) {
        return findings.isEmpty() ? null : findings.stream().map(text).collect(Collectors.joining("\n"));
    }
}
