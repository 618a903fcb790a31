package org.drgaudit.clearing;

import java.math.BigDecimal;
import java.util.List;

/**
 * A hospital's clearing statement (清算单): every line, the points and amount due, the deductions, the
 * advances paid and the quality deposit, and the balance: positive, the fund pays the hospital; negative,
 * the fund recovers it.
 */
public record Statement(String hospitalCode, String hospitalName, BigDecimal coefficient, int caseCount, BigDecimal points,
                        BigDecimal amountDue, BigDecimal findingsCost, BigDecimal fundPayments, boolean veto,
                        BigDecimal assessmentScore, String grade, BigDecimal depositWithheld, BigDecimal depositForfeited,
                        BigDecimal deductions, BigDecimal advancesPaid, BigDecimal balance, List<StatementLine> lines) {
}
