package org.drgaudit.findings;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * A finding as the API shows it (DESIGN §11), with its money kept apart (REFERENCE "Money"): {@code overpayment} the
 * fund paid beyond what it owed ({@code amountAtStake} is the same number under its historic name), a
 * {@code patientRefund} owed to the patient, or {@code money = UNPRICED} with the reason. Special cases carry no money
 * ({@code money = NONE}). Once decided at 违规处理, {@code decision} shows what was confirmed, the severity and the penalty.
 * {@code knowledgeSet} names the dated knowledge set in force on the case's discharge date that judged it
 * (parameters / grouper version / catalogue, e.g. {@code demo-2025 / CHS-DRG-2.0 / demo-2025}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FindingView(long id, String ruleId, String ruleName, String family, String resultType, String severity,
                          boolean shadow, List<String> caseIds, String hospitalCode, String patientId, String month,
                          String explanation, Map<String, Object> evidence, BigDecimal amountAtStake,
                          BigDecimal overpayment, BigDecimal patientRefund, String money, String unpricedReason,
                          String correctGroup, int ruleBaseVersion, String knowledgeBaseVersion, String knowledgeSet,
                          String reviewStatus,
                          Decision decision, long sweepId, OffsetDateTime createdAt,
                          @com.fasterxml.jackson.annotation.JsonIgnore String explanationTemplate,
                          @com.fasterxml.jackson.annotation.JsonIgnore String moneySentence) {

    /** The finding's money: priced (overpayment and/or refund), unpriced with a reason, or none (special cases). */
    public static final String PRICED = "PRICED";
    public static final String UNPRICED = "UNPRICED";
    public static final String NONE = "NONE";

    /** The latest decision on the finding at 违规处理: confirmed or dismissed, the amounts, severity and penalty. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Decision(long id, long reviewItemId, long campaignId, String outcome, BigDecimal overpayment,
                           BigDecimal patientRefund, String correctGroup, String severity, String severityName,
                           BigDecimal penalty, BigDecimal penaltyMultiple, String penaltyBase, String reason,
                           String decidedBy, OffsetDateTime decidedAt) {
    }

    static FindingView of(Finding f) {
        String money = f.unpricedReason != null ? UNPRICED
                : f.amountAtStake == null && f.patientRefund == null ? NONE : PRICED;
        return new FindingView(f.id, f.ruleId, f.ruleName, f.family, f.resultType, f.severity, f.shadow,
                List.of(f.caseIds), f.hospitalCode, f.patientId, f.month.format(DateTimeFormatter.ofPattern("yyyy-MM")),
                f.explanation, f.evidence, f.amountAtStake, f.amountAtStake, f.patientRefund, money, f.unpricedReason,
                f.correctGroup, f.ruleBaseVersion, "KB-" + f.kbVersion, f.knowledgeSet, f.reviewStatus, null, f.sweepId, f.createdAt,
                f.explanationTemplate, f.moneySentence);
    }

    FindingView withDecision(Decision d) {
        return new FindingView(id, ruleId, ruleName, family, resultType, severity, shadow, caseIds, hospitalCode, patientId,
                month, explanation, evidence, amountAtStake, overpayment, patientRefund, money, unpricedReason, correctGroup,
                ruleBaseVersion, knowledgeBaseVersion, knowledgeSet, reviewStatus, d, sweepId, createdAt, explanationTemplate, moneySentence);
    }

    FindingView withCases(List<String> ids, String text, Map<String, Object> values) {
        return new FindingView(id, ruleId, ruleName, family, resultType, severity, shadow, ids, hospitalCode, patientId,
                month, text, values, amountAtStake, overpayment, patientRefund, money, unpricedReason, correctGroup,
                ruleBaseVersion, knowledgeBaseVersion, knowledgeSet, reviewStatus, decision, sweepId, createdAt, explanationTemplate, moneySentence);
    }
}
