package org.drgaudit.clearing;

import java.math.BigDecimal;
import java.util.List;

/**
 * A review outcome that was confirmed (违规处理 认定): a finding of a sampled case, or a random-sample case
 * with no finding ({@code findingId} null) that the review found wrong. {@code caseIds} are the finding's
 * cases in order (the earlier stays of a split admission first); the correct group and the confirmed
 * amount are the decision's.
 */
public record ConfirmedFinding(Long findingId, String ruleId, String family, String hospitalCode, List<String> caseIds,
                               String correctGroup, BigDecimal confirmedAmount, long reviewItemId, long campaignId) {

    public static final String SPLIT_ADMISSION = "split-admission";

    public boolean splitAdmission() {
        return SPLIT_ADMISSION.equals(family);
    }

    /** The case the deduction is about: the reviewed (last-named) case. */
    public String reviewedCase() {
        return caseIds.get(caseIds.size() - 1);
    }
}
