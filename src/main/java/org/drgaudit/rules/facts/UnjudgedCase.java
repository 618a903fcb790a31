package org.drgaudit.rules.facts;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A case of the swept month that no knowledge set can judge as it was claimed, so that no rule of the other families
 * sees it (they match {@link AuditCase} only): no set of its region covers its discharge date
 * ({@link #NO_KNOWLEDGE_SET}), or it was claimed under another grouper version than the one the set in force on its
 * discharge date groups with ({@link #GROUPER_VERSION_MISMATCH}). The sweep counts it as skipped with the reason; the
 * data-quality rules read this fact to say what is missing. It carries what was claimed and what is in force, and
 * nothing judged: which difference is a finding is for the DRL to say.
 */
public final class UnjudgedCase implements CaseFact {

    /** No dated set of the hospital's region covers the discharge date. */
    public static final String NO_KNOWLEDGE_SET = "NO_KNOWLEDGE_SET";
    /** The claimed grouper version is not the one of the set in force on the discharge date. */
    public static final String GROUPER_VERSION_MISMATCH = "GROUPER_VERSION_MISMATCH";

    private final String reason;
    private final String caseId;
    private final String patientId;
    private final String hospitalCode;
    private final String hospitalName;
    private final String region;
    private final LocalDateTime admissionTime;
    private final LocalDateTime dischargeTime;
    private final LocalDate settlementDate;
    private final String claimedGroup;
    private final String claimedGroupName;
    private final String claimedVersion;
    private final String versionInForce;
    private final String knowledgeSet;
    private final String setName;
    private final String setPeriod;
    private final String coverage;

    UnjudgedCase(String reason, String caseId, String patientId, String hospitalCode, String hospitalName, String region,
                 LocalDateTime admissionTime, LocalDateTime dischargeTime, LocalDate settlementDate, String claimedGroup,
                 String claimedGroupName, String claimedVersion, String versionInForce, String knowledgeSet, String setName,
                 String setPeriod, String coverage) {
        this.reason = reason;
        this.caseId = caseId;
        this.patientId = patientId;
        this.hospitalCode = hospitalCode;
        this.hospitalName = hospitalName;
        this.region = region;
        this.admissionTime = admissionTime;
        this.dischargeTime = dischargeTime;
        this.settlementDate = settlementDate;
        this.claimedGroup = claimedGroup;
        this.claimedGroupName = claimedGroupName;
        this.claimedVersion = claimedVersion;
        this.versionInForce = versionInForce;
        this.knowledgeSet = knowledgeSet;
        this.setName = setName;
        this.setPeriod = setPeriod;
        this.coverage = coverage;
    }

    /** {@link #NO_KNOWLEDGE_SET} or {@link #GROUPER_VERSION_MISMATCH}. */
    public String getReason() { return reason; }
    @Override
    public String getCaseId() { return caseId; }
    @Override
    public String getPatientId() { return patientId; }
    @Override
    public String getHospitalCode() { return hospitalCode; }
    public String getHospitalName() { return hospitalName; }
    public String getRegion() { return region; }
    public LocalDateTime getAdmissionTime() { return admissionTime; }
    @Override
    public LocalDateTime getDischargeTime() { return dischargeTime; }
    public LocalDate getSettlementDate() { return settlementDate; }
    /** The group the case was paid by, as sent. */
    public String getClaimedGroup() { return claimedGroup; }
    public String getClaimedGroupName() { return claimedGroupName; }
    /** The grouper version the case was paid under, as sent (grouping.version); null when not sent. */
    public String getClaimedVersion() { return claimedVersion; }
    /** The grouper version of the set in force on the discharge date; null when no set covers it. */
    public String getVersionInForce() { return versionInForce; }
    /** The set in force (parameters / grouper version / catalogue); null when none covers the discharge date. */
    @Override
    public String getKnowledgeSet() { return knowledgeSet; }
    public String getSetName() { return setName; }
    /** The period of the set in force ("2025-01-01 至 2025-12-31"); null when none. */
    public String getSetPeriod() { return setPeriod; }
    /** The region's sets as a message names them. */
    public String getCoverage() { return coverage; }
    /** Always true: only cases of the swept month become this fact. */
    public boolean isInScope() { return true; }

    @Override
    public String toString() {
        return "UnjudgedCase[" + caseId + ", " + reason + ", claimed " + claimedVersion + ", in force " + versionInForce + "]";
    }
}
