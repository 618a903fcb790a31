package org.drgaudit.specialcases;

import static org.drgaudit.shared.ExcelWorkbook.money;

import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.poi.ss.usermodel.Sheet;
import org.drgaudit.cases.SettledCase;
import org.drgaudit.security.CurrentUser;
import org.drgaudit.shared.DrgAuditConfig;
import org.drgaudit.shared.ExcelWorkbook;

/**
 * The list of a period's declarations for the expert meeting (专家评审会), as an Excel workbook: blind like the
 * experts' own view (no hospital, case id, patient or declaring user), one row per declaration with the clinical
 * facts, the hospital's reason, the opinions so far and the outcome; an expert gets the declarations assigned to them
 * with only their own opinions.
 */
@ApplicationScoped
public class SpecialCaseExport {

    @Inject
    SpecialCaseQueries queries;

    @Inject
    DrgAuditConfig config;

    @Transactional
    public byte[] meetingList(String periodText, CurrentUser user) {
        DeclarationPeriod period = DeclarationPeriod.parse(periodText);
        boolean expert = SpecialCaseQueries.isExpert(user);
        List<Declaration> ds = Declaration.<Declaration>list("period = ?1 and status <> ?2", Sort.by("id"), period.code(),
                Declaration.WITHDRAWN).stream()
                .filter(d -> !expert || ExpertAssignment.count("declarationId = ?1 and expert = ?2", d.id, user.username()) > 0)
                .toList();
        try (ExcelWorkbook wb = new ExcelWorkbook(config.timeZone())) {
            Sheet list = wb.sheet("特例单议评审表", "申报编号", "期间", "申报类别", "病组", "病组名称", "权重", "标准费用（元）", "总费用（元）",
                    "费用倍数", "住院天数", "性别", "年龄", "科室", "主要诊断", "其他诊断", "手术操作", "申报理由", "附件数", "状态", "评审截止",
                    "同意", "不同意", "待提出", "认定结果", "追加点数", "追加金额（元）", "支付说明");
            Sheet opinions = wb.sheet("专家意见", "申报编号", "专家", "专业", "意见", "理由", "时间");
            for (Declaration d : ds) {
                SpecialCaseViews.Blind b = queries.blind(d, expert ? user.username() : null);
                SpecialCaseViews.BlindCase c = b.kase();
                List<ExpertOpinion> given = ExpertOpinion.<ExpertOpinion>list("declarationId", Sort.by("at"), d.id).stream()
                        .filter(o -> !expert || o.expert.equals(user.username())).toList();
                long approve = given.stream().filter(o -> ExpertOpinion.APPROVE.equals(o.opinion)).count();
                long assigned = ExpertAssignment.count("declarationId", d.id);
                boolean decided = !d.open();
                wb.append(list, d.id, d.period, b.categoryLabel(), c.groupCode(), c.groupName(), c.weight(), money(c.standardCost()),
                        money(c.totalCost()), c.costRatio(), c.losDays(), "M".equals(c.sex()) ? "男" : "F".equals(c.sex()) ? "女" : c.sex(),
                        c.ageYears(), c.department(), diagnosis(c.principalDiagnosis()),
                        c.secondaryDiagnoses().stream().map(SpecialCaseExport::diagnosis).collect(Collectors.joining("；")),
                        c.procedures().stream().map(p -> p.code() + " " + p.name()).collect(Collectors.joining("；")), d.reason,
                        b.attachments().size(), b.statusLabel(), d.reviewDeadline, expert ? null : approve,
                        expert ? null : given.size() - approve, expert ? null : assigned - given.size(),
                        decided ? Declaration.STATUS_LABELS.get(d.status) : null, d.extraPoints, money(d.extraAmount), d.paymentExplanation);
                for (ExpertOpinion o : given) {
                    ExpertAssignment a = ExpertAssignment.find("declarationId = ?1 and expert = ?2", d.id, o.expert).firstResult();
                    wb.append(opinions, d.id, o.expert, a == null ? null : a.specialty, ExpertOpinion.label(o.opinion), o.reason, o.at);
                }
            }
            wb.widths(list, 10, 9, 12, 8, 28, 8, 12, 12, 9, 9, 6, 6, 12, 28, 40, 40, 60, 8, 16, 20, 6, 8, 8, 10, 10, 14, 80);
            wb.widths(opinions, 10, 12, 12, 8, 60, 20);
            Sheet info = wb.sheet("说明");
            wb.append(info, "期间", period.code());
            wb.append(info, "申报例数", ds.size());
            wb.append(info, "导出时间", OffsetDateTime.now());
            wb.append(info, "说明", "评审表不含医院、病例编号、患者等可识别信息；专家独立评审，意见提交后不能修改。");
            wb.widths(info, 12, 80);
            return wb.toBytes();
        }
    }

    private static String diagnosis(SettledCase.Diagnosis d) {
        return d == null ? null : d.code() + (d.name() == null ? "" : " " + d.name());
    }
}
