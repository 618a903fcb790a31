package org.drgaudit.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * The difference a rule-base version makes over past months against the version in force: per rule and hospital the
 * findings added, removed, changed (same rule and cases, other money, correct group or result type) and unchanged,
 * and the overpayment each version finds and their difference; per rule; in total; and the individual differences
 * (the first {@value #MAX_DIFFERENCES}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BacktestResult(int version, int against, List<String> months, long cases, double seconds, Totals totals,
                             List<Line> byRule, List<Line> byRuleAndHospital, List<Difference> differences,
                             boolean differencesTruncated) {

    public static final int MAX_DIFFERENCES = 5000;

    /** Counts and money of one rule (and hospital); {@code overpaymentDifference} = draft − active. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String ruleId, String hospitalCode, long added, long removed, long changed, long unchanged,
                       BigDecimal overpaymentActive, BigDecimal overpaymentDraft, BigDecimal overpaymentDifference) {
    }

    /** All rules and hospitals together. */
    public record Totals(long added, long removed, long changed, long unchanged, BigDecimal overpaymentActive,
                         BigDecimal overpaymentDraft, BigDecimal overpaymentDifference) {
    }

    /** One finding that differs: ADDED (only the draft finds it), REMOVED (only the active version) or CHANGED. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Difference(String month, String change, String ruleId, String hospitalCode, List<String> caseIds,
                             BigDecimal overpaymentActive, BigDecimal overpaymentDraft, String correctGroupActive,
                             String correctGroupDraft, String explanation) {
    }
}
