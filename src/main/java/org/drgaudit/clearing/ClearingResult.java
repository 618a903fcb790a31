package org.drgaudit.clearing;

import java.math.BigDecimal;
import java.util.List;

/**
 * A whole region's clearing: the method, the budget and what was distributable (point method), all
 * hospitals' points and the point value, and one statement per hospital. Under the point method the
 * amounts due add up to the distributable budget exactly.
 */
public record ClearingResult(ClearingRules.Method method, BigDecimal budget, BigDecimal distributable, BigDecimal totalPoints,
                             BigDecimal pointValue, BigDecimal totalDue, BigDecimal totalBalance, List<Statement> statements) {
}
