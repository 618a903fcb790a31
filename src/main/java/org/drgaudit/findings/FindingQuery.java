package org.drgaudit.findings;

/**
 * Filters of the findings list; null means any. {@code reviewStatus} is the finding's review status (UNREVIEWED,
 * IN_REVIEW, CONFIRMED, DISMISSED); {@code caseId} keeps the findings that name that case.
 */
public record FindingQuery(String month, String hospital, String family, String rule, String resultType, String reviewStatus,
                           String caseId, int page, int size) {
}
