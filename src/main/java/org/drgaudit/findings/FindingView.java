package org.drgaudit.findings;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** A finding as the API shows it (DESIGN §11). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FindingView(long id, String ruleId, String ruleName, String family, String resultType, String severity,
                          boolean shadow, List<String> caseIds, String hospitalCode, String patientId, String month,
                          String explanation, Map<String, Object> evidence, BigDecimal amountAtStake,
                          String correctGroup, int ruleBaseVersion, String knowledgeBaseVersion, String reviewStatus,
                          long sweepId, OffsetDateTime createdAt) {

    static FindingView of(Finding f) {
        return new FindingView(f.id, f.ruleId, f.ruleName, f.family, f.resultType, f.severity, f.shadow,
                List.of(f.caseIds), f.hospitalCode, f.patientId, f.month.format(DateTimeFormatter.ofPattern("yyyy-MM")),
                f.explanation, f.evidence, f.amountAtStake, f.correctGroup, f.ruleBaseVersion, "KB-" + f.kbVersion,
                f.reviewStatus, f.sweepId, f.createdAt);
    }
}
