package org.drgaudit.findings;

/** Filters of the findings list; null means any. */
public record FindingQuery(String month, String hospital, String family, String rule, String resultType, int page, int size) {
}
