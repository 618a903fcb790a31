package org.drgaudit.clearing;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A hospital's clearing statement as an Excel workbook (Apache POI) the bureau can hand to the hospital:
 * a summary sheet (清算单) with the run, the figures and the balance, and a sheet of every line (明细).
 */
@ApplicationScoped
public class ClearingExport {

    public byte[] workbook(ClearingService.StatementView v) {
        ClearingRunView run = v.run();
        ClearingService.StatementSummary s = v.statement();
        try (XSSFWorkbook wb = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet summary = wb.createSheet("清算单");
            List<List<Object>> rows = List.of(
                    List.of("清算批次", run.id()), List.of("状态", run.statusLabel()),
                    List.of("地区", run.region()), List.of("清算年度", run.year()),
                    List.of("结算方式", run.methodLabel()),
                    List.of("更正批次", run.correctsRunId() == null ? "" : run.correctsRunId()),
                    List.of("点值（元/点）", nz(run.pointValue())),
                    List.of("医院", s.hospitalCode() + " " + s.hospitalName()),
                    List.of("医院系数", s.coefficient()), List.of("病例数", s.caseCount()),
                    List.of("总点数", nz(s.points())), List.of("应付金额（元）", s.amountDue()),
                    List.of("认定多支付金额（元）", s.overpayment()), List.of("违约金（元）", s.penalties()),
                    List.of("应退还参保人（元，不计入余额）", s.patientRefunds()),
                    List.of("统筹基金支付额（元）", s.fundPayments()),
                    List.of("一票否决", s.veto() ? "是" : "否"),
                    List.of("考核得分", nz(s.assessmentScore())), List.of("考核等次", s.grade() == null ? "未导入" : s.grade()),
                    List.of("质量保证金预留（元）", s.depositWithheld()), List.of("质量保证金扣减（元）", s.depositForfeited()),
                    List.of("约定年度总额（元）", nz(s.agreedTotal())), List.of("考核扣减（元）", s.gradeDeduction()),
                    List.of("次年约定总额降低（元）", s.nextYearReduction()),
                    List.of("扣款合计（元）", s.deductions()), List.of("月度预付已拨付（元）", s.advancesPaid()),
                    List.of("清算差额（元，正数为应拨付，负数为应追回）", s.balance()));
            for (int i = 0; i < rows.size(); i++) {
                cells(summary.createRow(i), rows.get(i).toArray());
            }
            Sheet lines = wb.createSheet("明细");
            cells(lines.createRow(0), "序号", "类型", "来源类型", "来源编号", "病例", "病组", "例数", "点数", "金额（元）", "说明");
            int r = 1;
            for (StatementLine l : v.lines()) {
                cells(lines.createRow(r), r, l.label(), l.sourceType(), nz(l.sourceId()), nz(l.caseId()), nz(l.groupCode()),
                        l.caseCount() == null ? "" : l.caseCount(), nz(l.points()), l.amount(), l.explanation());
                r++;
            }
            summary.setColumnWidth(0, 12000);
            lines.setColumnWidth(9, 30000);
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Writing the statement workbook failed: " + e.getMessage(), e);
        }
    }

    private static Object nz(Object v) {
        return v == null ? "" : v;
    }

    private static void cells(Row row, Object... values) {
        for (int i = 0; i < values.length; i++) {
            Object v = values[i];
            if (v instanceof BigDecimal b) {
                row.createCell(i).setCellValue(b.doubleValue());
            } else if (v instanceof Number n) {
                row.createCell(i).setCellValue(n.doubleValue());
            } else {
                row.createCell(i).setCellValue(String.valueOf(v));
            }
        }
    }
}
