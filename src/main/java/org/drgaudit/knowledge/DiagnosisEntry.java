package org.drgaudit.knowledge;

/** A 医保版 ICD-10 diagnosis with the restrictions the rules check. */
public record DiagnosisEntry(String code, String name, String sex, Integer minAgeYears, Integer maxAgeYears,
                             Integer maxAgeDays, boolean notPrincipal) {
}
