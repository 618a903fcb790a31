package org.drgaudit.rules.facts;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a rule produced for one case or one episode: the rule and its metadata, the cases (the last
 * is the in-scope case the finding belongs to), a Chinese explanation a hospital can read, the
 * evidence values, the money (the fund's overpayment, a patient refund, or the reason it is unpriced;
 * special cases carry none) and, where known, the group the case should have paid by. A rule with an
 * {@code @explanation} template has its explanation rendered from the evidence, followed by the money sentence; both
 * are kept so that a masked view can be rendered again. {@code knowledgeSet} names the set in force on the discharge
 * date of the finding's case that judged it (parameters / grouper version / catalogue).
 */
public record RuleFinding(String ruleId, String ruleName, String family, String resultType, String severity,
                          boolean shadow, String hospitalCode, String patientId, List<String> caseIds,
                          String explanation, Map<String, Object> evidence, BigDecimal overpayment,
                          BigDecimal patientRefund, String unpricedReason, String correctGroup,
                          String explanationTemplate, String moneySentence, String knowledgeSet) {

    /** Identity of a finding across sweeps: the same rule on the same cases. */
    public String key() {
        return ruleId + ":" + String.join(",", caseIds);
    }

    /** The API's historic name for the overpayment. */
    public BigDecimal amountAtStake() {
        return overpayment;
    }
}
