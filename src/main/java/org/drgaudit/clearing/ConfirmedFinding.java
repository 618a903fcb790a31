package org.drgaudit.clearing;

import java.math.BigDecimal;
import java.util.List;

/**
 * A decision confirmed at 违规处理 (the latest on its finding, or on a random-sample case without a finding:
 * {@code findingId} null), with exactly the numbers the reviewer decided: the overpayment clearing deducts, the refund
 * the hospital owes the patient, and the penalty of the chosen severity.
 */
public record ConfirmedFinding(long decisionId, Long findingId, String ruleId, String family, String hospitalCode,
                               List<String> caseIds, String correctGroup, BigDecimal overpayment, BigDecimal patientRefund,
                               String severityName, BigDecimal penaltyMultiple, String penaltyBase, BigDecimal penalty,
                               long reviewItemId, long campaignId) {

    /** The case the decision is about: the reviewed (last-named) case. */
    public String reviewedCase() {
        return caseIds.get(caseIds.size() - 1);
    }
}
