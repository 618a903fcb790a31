package org.drgaudit.rules.facts;

import java.time.LocalDateTime;

/**
 * What a finding needs of a case fact, whether the rules judged the case ({@link AuditCase}) or could not
 * ({@link UnjudgedCase}): its id, patient, hospital, discharge (for a rule's {@code @since}/{@code @until}) and the
 * knowledge set in force on its discharge date, which every finding records.
 */
public interface CaseFact {

    String getCaseId();

    String getPatientId();

    String getHospitalCode();

    LocalDateTime getDischargeTime();

    /** Parameters / grouper version / catalogue of the set in force, e.g. {@code demo-2025 / CHS-DRG-2.0 / demo-2025}. */
    String getKnowledgeSet();
}
