package org.drgaudit.clearing;

import java.math.BigDecimal;
import java.util.List;
import org.drgaudit.knowledge.PaymentTerms;

/**
 * A whole region's clearing: the method, the budget and what was distributable, all hospitals' points and the point
 * value (point method), what the fund kept of the distributable budget ({@code retained}: a point-value ceiling, or a
 * rate-method year below budget), one statement per hospital, and notes on anything the run could not apply.
 */
public record ClearingResult(PaymentTerms.Method method, BigDecimal budget, BigDecimal distributable, BigDecimal totalPoints,
                             BigDecimal pointValue, BigDecimal totalDue, BigDecimal retained, BigDecimal totalBalance,
                             List<Statement> statements, List<String> notes) {
}
