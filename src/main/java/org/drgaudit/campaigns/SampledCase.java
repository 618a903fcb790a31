package org.drgaudit.campaigns;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;

/**
 * A case in a campaign's sample and why: RANDOM (drawn from the ordinary cases), VIOLATION (has a
 * VIOLATION finding in scope), SUSPICIOUS (among the SUSPICIOUS findings with the most money at stake).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SampledCase(String caseId, String hospitalCode, String reason, List<Long> findingIds,
                          BigDecimal amountAtStake) {
}
