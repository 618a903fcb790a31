package org.drgaudit.campaigns;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A campaign's sample, decisions with their history, and results, as JSON or as an Excel workbook
 * (Apache POI) an inspector can hand to a hospital; optionally limited to one hospital.
 */
@ApplicationScoped
public class CampaignExport {

    @Inject
    CampaignService campaigns;

    @Inject
    ReviewService reviews;

    @Inject
    CampaignResults results;

    /** Everything exported about a campaign (for one hospital when {@code hospital} is set). */
    public record Export(CampaignView campaign, String hospital, List<SampledCase> sample, List<ReviewView> reviews,
                         CampaignResults.Results results) {
    }

    @Transactional
    public Export export(long id, String hospital) {
        CampaignView c = campaigns.get(id);
        List<SampledCase> sample = campaigns.sample(id).stream()
                .filter(s -> hospital == null || s.hospitalCode().equals(hospital)).toList();
        return new Export(c, hospital, sample, reviews.list(id, null, hospital), results.results(id, hospital));
    }

    public byte[] workbook(Export e) {
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet info = wb.createSheet("专项抽查");
            rows(info, List.of(
                    List.of("编号", e.campaign().id()), List.of("名称", e.campaign().name()),
                    List.of("结算月份", String.join(",", e.campaign().months())),
                    List.of("医院", e.hospital() == null ? "全部" : e.hospital()),
                    List.of("随机抽取比例", e.campaign().randomShare()), List.of("每院最少", e.campaign().minPerHospital()),
                    List.of("随机种子", e.campaign().seed()),
                    List.of("抽样框 SHA-256", String.valueOf(e.campaign().frameHash())),
                    List.of("抽样框病例数", e.campaign().frameSize() == null ? 0 : e.campaign().frameSize()),
                    List.of("状态", e.campaign().status())));
            Sheet items = wb.createSheet("审核结论");
            header(items, "审核编号", "病例", "医院", "抽取原因", "疑点编号", "当前环节", "结论", "认定金额", "正确病组", "期限");
            int r = 1;
            for (ReviewView v : e.reviews()) {
                cells(items.createRow(r++), v.id(), v.caseId(), v.hospitalCode(), reason(e.sample(), v.caseId()),
                        v.findingIds().toString(), v.stepLabel(), v.outcome() == null ? "" : v.outcome(),
                        v.confirmedAmount() == null ? "" : v.confirmedAmount(), v.correctGroup() == null ? "" : v.correctGroup(),
                        v.deadline() == null ? "" : v.deadline().toString());
            }
            Sheet history = wb.createSheet("审核记录");
            header(history, "审核编号", "病例", "环节", "操作", "操作人", "时间", "理由", "金额", "正确病组");
            r = 1;
            for (ReviewView v : e.reviews()) {
                for (ReviewView.Event ev : v.history()) {
                    cells(history.createRow(r++), v.id(), v.caseId(), ev.step(), ev.action(), ev.actor(), ev.at().toString(),
                            ev.reason() == null ? "" : ev.reason(), ev.amount() == null ? "" : ev.amount(),
                            ev.correctGroup() == null ? "" : ev.correctGroup());
                }
            }
            Sheet res = wb.createSheet("结果");
            header(res, "医院", "普通病例数", "随机抽取", "已审结", "差错数", "差错率", "95%下限", "95%上限", "认定金额", "外推下限(单侧90%)");
            r = 1;
            for (CampaignResults.HospitalResult h : e.results().hospitals()) {
                cells(res.createRow(r++), h.hospitalCode(), h.ordinaryCases(), h.randomSampled(), h.randomDecided(),
                        h.randomErrors(), nz(h.errorRate()), nz(h.errorRateLow95()), nz(h.errorRateHigh95()), h.confirmedAmount(),
                        h.extrapolation() == null || h.extrapolation().lowerBound90() == null ? "" : h.extrapolation().lowerBound90());
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException ex) {
            throw new UncheckedIOException("Writing the workbook failed: " + ex.getMessage(), ex);
        }
    }

    private static String reason(List<SampledCase> sample, String caseId) {
        return sample.stream().filter(s -> s.caseId().equals(caseId)).map(SampledCase::reason).findFirst().orElse("");
    }

    private static Object nz(Double d) {
        return d == null ? "" : d;
    }

    private static void header(Sheet sheet, String... names) {
        cells(sheet.createRow(0), (Object[]) names);
    }

    private static void rows(Sheet sheet, List<List<Object>> rows) {
        for (int i = 0; i < rows.size(); i++) {
            cells(sheet.createRow(i), rows.get(i).toArray());
        }
    }

    private static void cells(Row row, Object... values) {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof Number n && !(v instanceof BigDecimal)) {
                row.createCell(i).setCellValue(n.doubleValue());
            } else if (v instanceof BigDecimal b) {
                row.createCell(i).setCellValue(b.doubleValue());
            } else {
                row.createCell(i).setCellValue(String.valueOf(v));
            }
        }
    }
}
