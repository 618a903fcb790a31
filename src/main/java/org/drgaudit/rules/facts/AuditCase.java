package org.drgaudit.rules.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.List;
import org.drgaudit.knowledge.grouper.Grouper;
import org.drgaudit.knowledge.grouper.GroupingCase;
import org.drgaudit.knowledge.grouper.TraceStep;
import org.drgaudit.knowledge.GroupEntry;
import org.drgaudit.knowledge.PolicyParameters;

/**
 * The one fact the rules see per settled case: the case's data, the knowledge-base look-ups it
 * needs (group weight and standard cost, code restrictions, MCC/CC status after exclusion, the
 * sibling group its coding supports), and its links to the same patient's earlier stays. Every
 * derived value is computed once by {@link AuditCaseFactory}; rules only compare and explain.
 */
public final class AuditCase {

    String caseId;
    String patientId;
    String hospitalCode;
    String hospitalName;
    String allianceCode;
    int hospitalLevel;
    boolean inScope;
    String sex;
    int ageYears;
    Integer ageInDays;
    LocalDateTime admissionTime;
    LocalDateTime dischargeTime;
    int losDays;
    String dischargeMethod;
    boolean plannedReadmission;
    String principalCode;
    String principalName;
    List<String> secondaryCodes;
    List<String> procedureCodes;

    String groupCode;
    String groupName;
    String adrg;
    String mdc;
    int severity;
    boolean surgical;
    boolean groupKnown;
    BigDecimal weight;
    BigDecimal standardCost;
    BigDecimal avgLos;
    BigDecimal baseRate;
    BigDecimal coefficient;
    BigDecimal claimedPayment;

    BigDecimal totalCost;
    BigDecimal outOfPocket;
    BigDecimal selfPayShare;
    BigDecimal costRatio;
    BigDecimal losRatio;
    BigDecimal diagnosticShare;
    BigDecimal treatmentShare;
    BigDecimal treatmentDrugShare;
    BigDecimal surgeryFee;
    BigDecimal ventilatorHours;
    BigDecimal icuHours;
    List<IcuRecord> icuRecords = List.of();
    BigDecimal icuRecordHours = BigDecimal.ZERO;
    BigDecimal icuHoursInStay = BigDecimal.ZERO;
    BigDecimal unsupportedIcuHours = BigDecimal.ZERO;
    boolean hasOrProcedure;
    boolean hasAnaesthesia;

    List<String> sexConflicts;
    List<String> ageConflicts;
    List<String> proceduresOutsideStay;
    boolean principalNotAllowed;
    List<String> orProceduresOutsideMdc;

    List<String> countedComplications;
    List<String> excludedComplications;
    boolean complicationsKnown;
    int supportedSeverity;
    GroupEntry supportedGroup;
    String singleComplication;
    GroupEntry groupWithoutSingle;
    String singleComplicationCode;

    Grouper grouper;
    GroupingCase groupingCase;
    boolean regroupKnown;
    String regroupedCode;
    String regroupedAdrg;
    String regroupStatus;
    GroupEntry regroupedGroup;
    boolean regroupedLighterAdrg;
    List<String> unsupportedComplicationCodes = List.of();
    List<String> ventilationRemovedCodes = List.of();
    GroupEntry groupWithoutVentilation;
    String ventilationCounterfactualCode;
    private List<String> regroupTrace;

    AuditCase previous;
    long daysSincePrevious;
    BigDecimal hoursSincePrevious;
    boolean splitExcluded;
    boolean plannedByPrevious;
    boolean sameEpisodeAsPrevious;
    String referralDirection;
    String referralExemption;
    List<AuditCase> chain;

    BigDecimal outpatientBefore;
    BigDecimal outpatientAfter;
    BigDecimal outpatientShare;
    List<String> outpatientVisitIds;

    PolicyParameters policy;

    AuditCase() {
    }

    public String getCaseId() { return caseId; }
    public String getPatientId() { return patientId; }
    public String getHospitalCode() { return hospitalCode; }
    public String getHospitalName() { return hospitalName; }
    public String getAllianceCode() { return allianceCode; }
    /** 1 primary (基层), 2 secondary, 3 tertiary. */
    public int getHospitalLevel() { return hospitalLevel; }
    public boolean isInScope() { return inScope; }
    public String getSex() { return sex; }
    public int getAgeYears() { return ageYears; }
    public Integer getAgeInDays() { return ageInDays; }
    public LocalDateTime getAdmissionTime() { return admissionTime; }
    public LocalDateTime getDischargeTime() { return dischargeTime; }
    public int getLosDays() { return losDays; }
    public String getDischargeMethod() { return dischargeMethod; }
    /** This stay's own settlement-list flag (出院31天内再住院计划): at its discharge a further admission was planned. */
    public boolean isPlannedReadmission() { return plannedReadmission; }
    public String getPrincipalCode() { return principalCode; }
    public String getPrincipalName() { return principalName; }
    public List<String> getSecondaryCodes() { return secondaryCodes; }
    public List<String> getProcedureCodes() { return procedureCodes; }
    public String getGroupCode() { return groupCode; }
    public String getGroupName() { return groupName; }
    public String getAdrg() { return adrg; }
    public String getMdc() { return mdc; }
    public int getSeverity() { return severity; }
    public boolean isSurgical() { return surgical; }
    public boolean isGroupKnown() { return groupKnown; }
    public BigDecimal getWeight() { return weight; }
    public BigDecimal getStandardCost() { return standardCost; }
    public BigDecimal getAvgLos() { return avgLos; }
    public BigDecimal getBaseRate() { return baseRate; }
    public BigDecimal getCoefficient() { return coefficient; }
    public BigDecimal getClaimedPayment() { return claimedPayment; }
    public BigDecimal getTotalCost() { return totalCost; }
    public BigDecimal getOutOfPocket() { return outOfPocket; }
    public BigDecimal getSelfPayShare() { return selfPayShare; }
    public BigDecimal getCostRatio() { return costRatio; }
    public BigDecimal getLosRatio() { return losRatio; }
    public BigDecimal getDiagnosticShare() { return diagnosticShare; }
    public BigDecimal getTreatmentShare() { return treatmentShare; }
    public BigDecimal getTreatmentDrugShare() { return treatmentDrugShare; }
    public BigDecimal getSurgeryFee() { return surgeryFee; }
    public BigDecimal getVentilatorHours() { return ventilatorHours; }
    /** The ICU hours the settlement list claims (0 when none). */
    public BigDecimal getIcuHours() { return icuHours; }
    /** The settlement list's ICU records (icuinfo), in the order sent. */
    public List<IcuRecord> getIcuRecords() { return icuRecords; }
    /** Hours of all ICU records, in to out, wherever they lie. */
    public BigDecimal getIcuRecordHours() { return icuRecordHours; }
    /** Hours of the ICU records inside this stay (admission to discharge), overlapping records counted once. */
    public BigDecimal getIcuHoursInStay() { return icuHoursInStay; }
    /** Claimed ICU hours that no record inside the stay supports: claimed − {@link #getIcuHoursInStay()}, at least 0. */
    public BigDecimal getUnsupportedIcuHours() { return unsupportedIcuHours; }
    public boolean isHasOrProcedure() { return hasOrProcedure; }
    public boolean isHasAnaesthesia() { return hasAnaesthesia; }
    public List<String> getSexConflicts() { return sexConflicts; }
    public List<String> getAgeConflicts() { return ageConflicts; }
    public List<String> getProceduresOutsideStay() { return proceduresOutsideStay; }
    public boolean isPrincipalNotAllowed() { return principalNotAllowed; }
    public List<String> getOrProceduresOutsideMdc() { return orProceduresOutsideMdc; }
    public List<String> getCountedComplications() { return countedComplications; }
    public List<String> getExcludedComplications() { return excludedComplications; }
    /** Whether MCC/CC could be judged: a principal diagnosis and the grouper tables of the case's version. */
    public boolean isComplicationsKnown() { return complicationsKnown; }
    public int getSupportedSeverity() { return supportedSeverity; }
    public GroupEntry getSupportedGroup() { return supportedGroup; }
    public String getSingleComplication() { return singleComplication; }
    public GroupEntry getGroupWithoutSingle() { return groupWithoutSingle; }
    public String getSingleComplicationCode() { return singleComplicationCode; }
    /** Whether the knowledge base could regroup this case (its grouper version has decision tables). */
    public boolean isRegroupKnown() { return regroupKnown; }
    /** The DRG the knowledge-base grouper assigns to the coded data; a QY group or 0000 when it cannot. */
    public String getRegroupedCode() { return regroupedCode; }
    public String getRegroupedAdrg() { return regroupedAdrg; }
    /** GROUPED, AMBIGUOUS or UNGROUPABLE. */
    public String getRegroupStatus() { return regroupStatus; }
    /** The regrouped DRG in the region's catalogue; null when not grouped or not in the catalogue. */
    public GroupEntry getRegroupedGroup() { return regroupedGroup; }
    /** The coded data groups to a different, lighter ADRG than claimed (HC-03), outside DP-03's surgical-without-surgery cases. */
    public boolean isRegroupedLighterAdrg() { return regroupedLighterAdrg; }
    /** MCC/CC codes the principal diagnosis's exclusion table cancels. */
    public List<String> getUnsupportedComplicationCodes() { return unsupportedComplicationCodes; }
    /** The procedures that entered the claimed long-ventilation / ICU-dependent ADRG. */
    public List<String> getVentilationRemovedCodes() { return ventilationRemovedCodes; }
    /** The group the case falls into without those procedures; null when that is not a priced DRG. */
    public GroupEntry getGroupWithoutVentilation() { return groupWithoutVentilation; }
    /** The code the grouper gives without those procedures (a DRG, a QY group or 0000). */
    public String getVentilationCounterfactualCode() { return ventilationCounterfactualCode; }

    /** The grouping path of the coded data, one sentence per step (built on demand, for findings). */
    public List<String> getRegroupTrace() {
        if (regroupTrace == null) {
            regroupTrace = grouper == null ? List.of()
                    : grouper.group(groupingCase, true).trace().stream().map(TraceStep::explanation).toList();
        }
        return regroupTrace;
    }

    public AuditCase getPrevious() { return previous; }
    public long getDaysSincePrevious() { return daysSincePrevious; }
    public BigDecimal getHoursSincePrevious() { return hoursSincePrevious; }
    public boolean isSplitExcluded() { return splitExcluded; }
    /** The previous stay's discharge recorded a planned readmission within 31 days, and this admission is within them. */
    public boolean isPlannedByPrevious() { return plannedByPrevious; }
    /** This stay and the previous one are one episode: the same ADRG, or a medical stay then a surgical one in one MDC. */
    public boolean isSameEpisodeAsPrevious() { return sameEpisodeAsPrevious; }
    /** UP, DOWN or SAME by hospital level when the previous stay was at another hospital of the alliance; else null. */
    public String getReferralDirection() { return referralDirection; }
    /** The name of the region's referral exemption a transfer from the previous stay falls under; null if none. */
    public String getReferralExemption() { return referralExemption; }
    public List<AuditCase> getChain() { return chain; }
    public int getChainLength() { return chain.size(); }
    public BigDecimal getOutpatientBefore() { return outpatientBefore; }
    public BigDecimal getOutpatientAfter() { return outpatientAfter; }
    public BigDecimal getOutpatientShare() { return outpatientShare; }
    public List<String> getOutpatientVisitIds() { return outpatientVisitIds; }
    public PolicyParameters getPolicy() { return policy; }

    /** "I63.900 脑梗死" */
    public String getPrincipal() {
        return principalName == null ? principalCode : principalCode + " " + principalName;
    }

    /** "BR21 脑缺血性疾患，伴严重并发症或合并症" */
    public String getGroup() {
        return groupName == null ? groupCode : groupCode + " " + groupName;
    }

    /** Payment of a group for this case: weight × base rate × hospital coefficient, to the cent. */
    public BigDecimal paymentFor(GroupEntry group) {
        return group.weight().multiply(baseRate).multiply(coefficient).setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * The money a mis-grouping moved: (claimed weight − the other group's weight) × the region's base
     * rate for the insurance type × the hospital coefficient, rounded once to the cent.
     */
    public BigDecimal overpaymentAgainst(GroupEntry group) {
        return weight.subtract(group.weight()).multiply(baseRate).multiply(coefficient).setScale(2, RoundingMode.HALF_UP);
    }

    /** What the region's penalty multiple of a family implies for this case: multiple × claimed payment. */
    public BigDecimal penaltyAmount(String family) {
        return policy.penaltyMultiple(family).multiply(claimedPayment).setScale(2, RoundingMode.HALF_UP);
    }

    /** Whether any of the given procedure codes was coded in this stay. */
    public boolean hasAnyProcedure(java.util.Collection<String> codes) {
        for (String c : procedureCodes) {
            if (codes.contains(c)) {
                return true;
            }
        }
        return false;
    }

    /** Whether this stay and an earlier one are in one hospital or one alliance (医共体). */
    public boolean sameNetworkAs(AuditCase other) {
        return hospitalCode.equals(other.hospitalCode)
                || (allianceCode != null && allianceCode.equals(other.allianceCode));
    }

    public List<String> chainCaseIds() {
        return chain.stream().map(AuditCase::getCaseId).toList();
    }

    @Override
    public String toString() {
        return "AuditCase[" + caseId + " " + groupCode + "]";
    }
}
