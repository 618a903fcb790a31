package org.drgaudit.campaigns;

import java.math.BigDecimal;
import java.util.List;

/**
 * A step taken on a review item: {@code CONFIRM} or {@code DISMISS} (初审, 复审, 违规处理), {@code APPEAL} (the hospital's
 * 申诉, with its argument in {@code reason}), {@code INVESTIGATE} (调查核实, findings in {@code reason}).
 *
 * <p>At 违规处理 a CONFIRM decides each finding of the item ({@code findings}; a finding not listed is confirmed with the
 * item-level values): the overpayment (default: as the finding priced it, less what other confirmed findings already
 * recover of the same payment; a different amount needs a reason), or a {@code correctGroup} to price it by, the
 * patient refund, and the {@code severity} (情节) from which the region's parameters give the penalty. A sampled case
 * without findings is confirmed with its {@code family}, {@code overpayment} (or {@code correctGroup}) and severity.
 * {@code amount} is the historic name of {@code overpayment}.
 */
public record ReviewAction(String action, String reason, BigDecimal amount, String correctGroup, String severity,
                           BigDecimal overpayment, BigDecimal patientRefund, String family, List<FindingDecision> findings) {

    /** Compact form used by callers that take a plain step. */
    public ReviewAction(String action, String reason, BigDecimal amount, String correctGroup) {
        this(action, reason, amount, correctGroup, null, null, null, null, null);
    }

    /** The decision on one finding of the item: CONFIRM or DISMISS, and for a confirmation its money and severity. */
    public record FindingDecision(Long findingId, String outcome, BigDecimal overpayment, BigDecimal patientRefund,
                                  String correctGroup, String severity, String reason) {
    }

    /** The overpayment the request states at item level ({@code overpayment}, else {@code amount}). */
    BigDecimal statedOverpayment() {
        return overpayment != null ? overpayment : amount;
    }
}
