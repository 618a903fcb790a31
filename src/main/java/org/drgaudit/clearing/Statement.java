package org.drgaudit.clearing;

import java.math.BigDecimal;
import java.util.List;

/**
 * A hospital's clearing statement (清算单): every line, the points and amount due, the confirmed overpayment and
 * penalties (kept apart), the refunds owed to patients, the grade's consequence, the advances paid and the balance:
 * positive, the fund pays the hospital; negative, the fund recovers it. {@code findingsCost} is overpayment plus
 * penalties.
 */
public record Statement(String hospitalCode, String hospitalName, BigDecimal coefficient, int caseCount, BigDecimal points,
                        BigDecimal amountDue, BigDecimal overpayment, BigDecimal penalties, BigDecimal patientRefunds,
                        BigDecimal findingsCost, BigDecimal fundPayments, boolean veto, BigDecimal assessmentScore, String grade,
                        BigDecimal depositWithheld, BigDecimal depositForfeited, BigDecimal agreedTotal,
                        BigDecimal gradeDeduction, BigDecimal nextYearReduction, BigDecimal deductions,
                        BigDecimal advancesPaid, BigDecimal balance, List<StatementLine> lines) {
}
