package org.drgaudit.clearing;

import static org.drgaudit.shared.ExcelWorkbook.money;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Sheet;
import org.drgaudit.shared.DrgAuditConfig;
import org.drgaudit.shared.ExcelWorkbook;

/**
 * A hospital's clearing statement as an Excel workbook (Apache POI) the bureau can hand to the hospital:
 * a summary sheet (清算单) with the run, the figures and the balance, and a sheet of every line (明细). Codes
 * show as Chinese labels, times as local date-times in the region's zone, money as money.
 */
@ApplicationScoped
public class ClearingExport {

    private static final Map<String, String> SOURCES = Map.of(StatementLine.GROUP, "病组", StatementLine.CASE, "病例",
            StatementLine.FINDING, "疑点", StatementLine.CAMPAIGN, "专项抽查", StatementLine.PARAMETER, "清算参数",
            StatementLine.SPECIAL_CASE, "特例单议申报");

    @Inject
    DrgAuditConfig config;

    public byte[] workbook(ClearingService.StatementView v) {
        ClearingRunView run = v.run();
        ClearingService.StatementSummary s = v.statement();
        try (ExcelWorkbook wb = new ExcelWorkbook(config.timeZone())) {
            Sheet summary = wb.sheet("清算单");
            List<Object[]> rows = List.of(
                    new Object[] {"清算批次", run.id()}, new Object[] {"状态", run.statusLabel()},
                    new Object[] {"地区", run.region()}, new Object[] {"清算年度", run.year()},
                    new Object[] {"结算方式", run.methodLabel()},
                    new Object[] {"更正批次", run.correctsRunId()},
                    new Object[] {"点值（元/点）", run.pointValue()},
                    new Object[] {"医院", s.hospitalCode() + " " + s.hospitalName()},
                    new Object[] {"医院系数", s.coefficient()}, new Object[] {"病例数", s.caseCount()},
                    new Object[] {"总点数", s.points()}, new Object[] {"应付金额（元）", money(s.amountDue())},
                    new Object[] {"认定多支付金额（元）", money(s.overpayment())}, new Object[] {"违约金（元）", money(s.penalties())},
                    new Object[] {"应退还参保人（元，不计入余额）", money(s.patientRefunds())},
                    new Object[] {"统筹基金支付额（元）", money(s.fundPayments())},
                    new Object[] {"一票否决", s.veto()},
                    new Object[] {"考核得分", s.assessmentScore()}, new Object[] {"考核等次", s.grade() == null ? "未导入" : s.grade()},
                    new Object[] {"质量保证金预留（元）", money(s.depositWithheld())},
                    new Object[] {"质量保证金扣减（元）", money(s.depositForfeited())},
                    new Object[] {"约定年度总额（元）", money(s.agreedTotal())}, new Object[] {"考核扣减（元）", money(s.gradeDeduction())},
                    new Object[] {"次年约定总额降低（元）", money(s.nextYearReduction())},
                    new Object[] {"扣款合计（元）", money(s.deductions())}, new Object[] {"月度预付已拨付（元）", money(s.advancesPaid())},
                    new Object[] {"清算差额（元，正数为应拨付，负数为应追回）", money(s.balance())},
                    new Object[] {"结余留在基金（元，全地区）", money(run.retained())},
                    new Object[] {"创建人", run.createdBy()}, new Object[] {"创建时间", run.createdAt()},
                    new Object[] {"计算人", run.computedBy()}, new Object[] {"计算时间", run.computedAt()},
                    new Object[] {"定稿人", run.finalisedBy()}, new Object[] {"定稿时间", run.finalisedAt()});
            for (Object[] row : rows) {
                wb.append(summary, row);
            }
            Sheet lines = wb.sheet("明细", "序号", "类型", "来源类型", "来源编号", "病例", "病组", "例数", "点数", "金额（元）", "说明");
            int r = 1;
            for (StatementLine l : v.lines()) {
                wb.append(lines, r++, l.label(), SOURCES.getOrDefault(l.sourceType(), l.sourceType()), l.sourceId(), l.caseId(),
                        l.groupCode(), l.caseCount(), l.points(), money(l.amount()), l.explanation());
            }
            wb.widths(summary, 46, 30);
            wb.widths(lines, 6, 20, 10, 10, 16, 8, 8, 12, 16, 117);
            return wb.toBytes();
        }
    }
}
