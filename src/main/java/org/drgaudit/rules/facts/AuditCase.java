package org.drgaudit.rules.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drgaudit.knowledge.grouper.Grouper;
import org.drgaudit.knowledge.grouper.GroupingCase;
import org.drgaudit.knowledge.grouper.TraceStep;
import org.drgaudit.knowledge.GroupEntry;
import org.drgaudit.knowledge.PaymentTerms;
import org.drgaudit.knowledge.PolicyParameters;

/**
 * The one fact the rules see per settled case: the case's data, the knowledge-base look-ups it
 * needs (group weight and standard cost, code restrictions, MCC/CC status after exclusion, the
 * sibling group its coding supports), and its links to the same patient's earlier stays. Every
 * derived value is computed once by {@link AuditCaseFactory}; rules only compare and explain. The
 * pricing methods value the case with the region's {@link PaymentTerms}, the same valuation year-end
 * clearing uses, so that a finding's overpayment is the fund's money as clearing sees it.
 */
public final class AuditCase implements CaseFact {

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
    String insuranceType;
    PaymentTerms terms;
    Map<String, GroupEntry> catalogue;
    GroupEntry claimed;
    PaymentTerms.CaseValue paid;
    BigDecimal patientShare;

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
    Set<String> sexConflictDiagnoses = Set.of();
    Set<String> sexConflictProcedures = Set.of();
    Set<String> ageConflictDiagnoses = Set.of();
    Set<String> outsideStayProcedures = Set.of();
    Set<String> orProcedureCodes = Set.of();
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
    String regroupCause;
    boolean regroupCauseDataQuality;
    String regroupReason;
    GroupEntry regroupedGroup;
    boolean regroupedToLighterAdrg;
    List<String> unsupportedComplicationCodes = List.of();
    List<String> ventilationRemovedCodes = List.of();
    private Counterfactual withoutVentilation;
    private Counterfactual withoutSexConflicts;
    private Counterfactual withoutAgeConflicts;
    private Counterfactual withoutOrProcedures;
    private Counterfactual withoutProceduresOutsideStay;
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
    BigDecimal outpatientFundPaid;

    PolicyParameters policy;
    String knowledgeSet;
    String groupingVersionInForce;

    // the data contract as sent (DESIGN §4), for rules that compare it directly
    String admissionRoute;
    String department;
    String attendingDoctor;
    Integer birthWeightGrams;
    CodedDiagnosis principalDiagnosis;
    List<CodedDiagnosis> secondaryDiagnoses = List.of();
    List<CodedProcedure> procedures = List.of();
    Map<String, BigDecimal> costs = Map.of();
    BigDecimal fundPayment;
    BigDecimal selfPay;
    java.time.LocalDate settlementDate;
    String groupingVersion;
    List<OutpatientVisitFact> outpatientVisits = List.of();

    AuditCase() {
    }

    /** EMERGENCY 急诊, OUTPATIENT 门诊, TRANSFER 其他医疗机构转入, OTHER 其他 (adm_way); null when not sent. */
    public String getAdmissionRoute() { return admissionRoute; }
    /** The discharge department (dscg_caty). */
    public String getDepartment() { return department; }
    /** The attending doctor's code (主诊医师代码); null when not sent. */
    public String getAttendingDoctor() { return attendingDoctor; }
    public Integer getBirthWeightGrams() { return birthWeightGrams; }
    /** The principal diagnosis with its admission condition. */
    public CodedDiagnosis getPrincipalDiagnosis() { return principalDiagnosis; }
    /** The principal diagnosis's admission condition (1 有, 2 临床未确定, 3 情况不明, 4 无); null when not sent. */
    public Integer getPrincipalAdmissionCondition() { return principalDiagnosis == null ? null : principalDiagnosis.admissionCondition(); }
    /** The secondary diagnoses in the order sent, each with its admission condition. */
    public List<CodedDiagnosis> getSecondaryDiagnoses() { return secondaryDiagnoses; }
    /** The coded procedures with date, principal flag, anaesthesia and operator. */
    public List<CodedProcedure> getProcedures() { return procedures; }
    /** Every cost category sent (bed, consultation, examination, lab, treatment, surgery, nursing, material, westernDrug, herbalDrug, patentDrug, generalService, registration, other). */
    public Map<String, BigDecimal> getCosts() { return costs; }
    /** The fund's payment for the stay (统筹基金支付, hifp_pay); null when not sent. */
    public BigDecimal getFundPayment() { return fundPayment; }
    /** The patient's co-payment (自付, psn_selfpay); null when not sent. */
    public BigDecimal getSelfPay() { return selfPay; }
    public java.time.LocalDate getSettlementDate() { return settlementDate; }
    /** The grouper version the case was paid under (e.g. CHS-DRG-1.1). */
    public String getGroupingVersion() { return groupingVersion; }
    /** The patient's outpatient visits around the stay (any hospital, within the cost-shift window). */
    public List<OutpatientVisitFact> getOutpatientVisits() { return outpatientVisits; }

    /** The amount of one cost category (0 when not charged); an unknown category is an error, so a typo cannot pass. */
    public BigDecimal cost(String category) {
        if (org.drgaudit.cases.CostCategory.byKey(category) == null) {
            throw new IllegalArgumentException("cost category '" + category + "' does not exist; the categories are "
                    + org.drgaudit.cases.CostCategory.keys());
        }
        BigDecimal amount = costs.get(category);
        return amount == null ? BigDecimal.ZERO : amount;
    }

    /** The share of the total cost of one category (0–1, four decimals). */
    public BigDecimal costShare(String category) {
        return totalCost == null || totalCost.signum() == 0 ? BigDecimal.ZERO
                : cost(category).divide(totalCost, 4, java.math.RoundingMode.HALF_UP);
    }

    /** Whether any diagnosis (principal or secondary) with this code prefix was coded. */
    public boolean hasDiagnosis(String codePrefix) {
        if (principalCode != null && principalCode.startsWith(codePrefix)) {
            return true;
        }
        return secondaryCodes.stream().anyMatch(c -> c.startsWith(codePrefix));
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
    public String getInsuranceType() { return insuranceType; }
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
    /**
     * Why the grouper gave 0000 (GroupingResult.Cause: SEX_MISSING, AGE_MISSING, AGE_DAYS_MISSING, BIRTH_WEIGHT_MISSING,
     * PRINCIPAL_MISSING, PRINCIPAL_DIAGNOSIS_INVALID, PRINCIPAL_PROCEDURE_INVALID, PRINCIPAL_IN_NO_MDC, …); null when it grouped.
     */
    public String getRegroupCause() { return regroupCause; }
    /** Whether that cause is the settlement list's own (an input missing or not valid), not the case's clinical content. */
    public boolean isRegroupCauseDataQuality() { return regroupCauseDataQuality; }
    /** The grouper's sentence for a 0000 (every problem it found); null when it grouped. */
    public String getRegroupReason() { return regroupReason; }
    /** The regrouped DRG in the region's catalogue; null when not grouped or not in the catalogue. */
    public GroupEntry getRegroupedGroup() { return regroupedGroup; }
    /** The coded data groups to a different ADRG than claimed, and a lighter one (a priced group of the catalogue). */
    public boolean isRegroupedToLighterAdrg() { return regroupedToLighterAdrg; }
    /** MCC/CC codes the principal diagnosis's exclusion table cancels. */
    public List<String> getUnsupportedComplicationCodes() { return unsupportedComplicationCodes; }
    /** The procedures that entered the claimed long-ventilation ADRG. */
    public List<String> getVentilationRemovedCodes() { return ventilationRemovedCodes; }

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
    /** The knowledge set in force on the discharge date that judged the case: parameters / grouper version / catalogue. */
    @Override
    public String getKnowledgeSet() { return knowledgeSet; }
    /** The grouper version of that set (the claim was made under it, or named none). */
    public String getGroupingVersionInForce() { return groupingVersionInForce; }

    /** "I63.900 脑梗死" */
    public String getPrincipal() {
        return principalName == null ? principalCode : principalCode + " " + principalName;
    }

    /** "BR21 脑缺血性疾患，伴严重并发症或合并症" */
    public String getGroup() {
        return groupName == null ? groupCode : groupCode + " " + groupName;
    }

    // ---------------------------------------------------------------------------------------------
    // Money (REFERENCE "Money"): what the fund paid beyond what it owed, what the patient is owed back
    // ---------------------------------------------------------------------------------------------

    /** What the fund owes for the case as claimed, to the cent; zero when the claimed group is not in the catalogue. */
    public BigDecimal getClaimedPayment() {
        return paid == null ? BigDecimal.ZERO.setScale(2) : paid.fundPaysRounded();
    }

    /** The case valued by another group of the catalogue (with the same cost, coefficient and patient share). */
    public PaymentTerms.CaseValue valueBy(GroupEntry group) {
        return terms.value(group, insuranceType, coefficient, totalCost, patientShare);
    }

    /**
     * The money a mis-grouping moved: what the fund owes by the claimed group less what it owes by the other one,
     * rounded once to the cent; never negative (a case that should have been paid more overpaid nothing).
     */
    public BigDecimal overpaymentAgainst(GroupEntry group) {
        if (paid == null) {
            return BigDecimal.ZERO.setScale(2);
        }
        return PaymentTerms.money(paid.fundPays().subtract(valueBy(group).fundPays()).max(BigDecimal.ZERO));
    }

    /** The overpayment against the group the coding supports, with the sentence that shows both payments. */
    public Price priceBy(GroupEntry correct) {
        if (paid == null) {
            return Price.unpriced("申报病组 " + groupCode + " 不在本地区病组目录中");
        }
        BigDecimal amount = overpaymentAgainst(correct);
        return Price.overpayment(amount, "按申报病组" + valueSentence(paid) + "，按 " + correct.code() + valueSentence(valueBy(correct))
                + "，多支付 " + Wording.money(amount) + "。");
    }

    /**
     * The overpayment when codes that cannot stand are taken out and the case regrouped (mismatch, HC-04): unpriced
     * when the regroup lands in no priced group (0000, a QY group, a group outside the catalogue), pending review.
     */
    public Price priceBy(Counterfactual without) {
        if (paid == null) {
            return Price.unpriced("申报病组 " + groupCode + " 不在本地区病组目录中");
        }
        if (without.notRegrouped() != null) {
            return Price.unpriced(without.notRegrouped() + "，待审核确定正确编码后计算");
        }
        String removed = without.removedCodes().isEmpty() ? "按结算清单编码重新分组，"
                : "去除 " + Wording.codes(without.removedCodes()) + " 后";
        if (without.group() == null) {
            return Price.unpriced(removed + "分组结果为 " + without.code()
                    + ("0000".equals(without.code()) ? "（无法入组）" : without.code().endsWith("QY") ? "（歧义组）" : "（不在本地区病组目录中）")
                    + "，待审核确定正确编码后计算");
        }
        if (without.group().code().equals(groupCode)) {
            return Price.overpayment(BigDecimal.ZERO, removed + "仍入 " + groupCode + "，病组不变，基金未多支付。");
        }
        BigDecimal amount = overpaymentAgainst(without.group());
        return Price.overpayment(amount, removed + "应入 " + without.group().code() + " " + without.group().name()
                + "：按申报病组" + valueSentence(paid) + "，按 " + without.group().code() + valueSentence(valueBy(without.group()))
                + (amount.signum() == 0 ? "，不低于申报病组，基金未多支付。" : "，多支付 " + Wording.money(amount) + "。"));
    }

    /** A stay that needed no admission: the fund's whole payment for it (the case zeroed). */
    public Price getWholeStayPrice() {
        if (paid == null) {
            return Price.unpriced("申报病组 " + groupCode + " 不在本地区病组目录中");
        }
        return Price.overpayment(paid.fundPays(), "本次住院不应发生，基金为其" + valueSentence(paid) + "，全额为多支付。");
    }

    /**
     * A low-cost stay: where the region pays low-cost cases by their cost ratio the payment already took the short
     * stay into account and nothing more was overpaid; otherwise the full payment less the cost-ratio payment.
     */
    public Price getLowCostPrice() {
        if (paid == null || costRatio == null) {
            return Price.unpriced("申报病组 " + groupCode + " 不在本地区病组目录中或缺少标准费用");
        }
        if (paid.scaled()) {
            return Price.overpayment(BigDecimal.ZERO, "本地区低倍率病例已按实际费用 ÷ 标准费用（" + Wording.percent(costRatio)
                    + "）折算支付（" + Wording.money(paid.fundPays()) + "），基金未多支付。");
        }
        BigDecimal ratioPayment = paid.fundPays().multiply(costRatio.min(BigDecimal.ONE));
        BigDecimal amount = paid.fundPays().subtract(ratioPayment);
        return Price.overpayment(amount, "按病组全额" + valueSentence(paid) + "，按实际费用比例 " + Wording.percent(costRatio) + " 应支付 "
                + Wording.money(ratioPayment) + "，多支付 " + Wording.money(amount) + "。");
    }

    /** Costs shifted to outpatient visits: the fund's share of them is the overpayment, the patient's share a refund. */
    public Price getOutpatientPrice() {
        BigDecimal total = outpatientBefore.add(outpatientAfter);
        if (outpatientFundPaid == null) {
            return Price.unpriced("门诊就诊记录缺少统筹基金支付额（fundPayment），无法区分基金与患者负担");
        }
        BigDecimal patient = total.subtract(outpatientFundPaid);
        return Price.both(outpatientFundPaid, patient, "窗口期内门诊费用 " + Wording.money(total) + "，其中统筹基金支付 "
                + Wording.money(outpatientFundPaid) + " 为多支付，患者负担 " + Wording.money(patient) + " 应退还患者。");
    }

    /** Costs shifted to full self-pay: the patient is owed what exceeds the region's self-pay limit; the fund overpaid nothing. */
    public Price getSelfPayPrice() {
        BigDecimal allowed = totalCost.multiply(policy.getTooLittleService().getSelfPayShareLimit());
        BigDecimal refund = outOfPocket.subtract(allowed);
        return Price.refund(refund, "基金未多支付；超出上限的全自费 " + Wording.money(outOfPocket) + " − " + Wording.money(allowed)
                + "（总费用 × " + Wording.percent(policy.getTooLittleService().getSelfPayShareLimit()) + "）= "
                + Wording.money(refund.max(BigDecimal.ZERO)) + " 应退还患者。");
    }

    /**
     * A split admission's overpayment by the region's method ({@code splitAdmission.overpaymentMethod}): the earlier
     * stays paid at the factor, the later stays not paid, or the episode merged and paid once by its merged group.
     * The same number is deducted at clearing.
     */
    public Price splitPrice(List<AuditCase> episode) {
        PolicyParameters.SplitAdmission sa = policy.getSplitAdmission();
        for (AuditCase stay : episode) {
            if (stay.paid == null) {
                return Price.unpriced("住院 " + stay.caseId + " 的病组 " + stay.groupCode + " 不在本地区病组目录中");
            }
        }
        List<AuditCase> earlier = episode.subList(0, episode.size() - 1);
        List<AuditCase> later = episode.subList(1, episode.size());
        switch (sa.getOverpaymentMethod()) {
            case PolicyParameters.SplitAdmission.EARLIER_STAY_FACTOR -> {
                BigDecimal paidEarlier = sum(earlier);
                BigDecimal keep = sa.getEarlierStayFactor();
                Map<String, BigDecimal> parts = new java.util.LinkedHashMap<>();
                earlier.forEach(e -> parts.put(e.caseId, e.paid.fundPays().multiply(BigDecimal.ONE.subtract(keep))));
                Price price = Price.overpayment(parts, keep, "");
                return new Price(price.overpayment(), null, null, "按本地区规定，前次住院（" + ids(earlier) + "）按 " + Wording.percent(keep)
                        + " 支付：" + Wording.money(paidEarlier) + " × (1 − " + keep.stripTrailingZeros().toPlainString() + ") = 多支付 "
                        + Wording.money(price.overpayment()) + "。", price.parts(), keep);
            }
            case PolicyParameters.SplitAdmission.LATER_STAY -> {
                Map<String, BigDecimal> parts = new java.util.LinkedHashMap<>();
                later.forEach(l -> parts.put(l.caseId, l.paid.fundPays()));
                return Price.overpayment(parts, null, "按本地区规定，一次诊疗只支付一次，再次住院（" + ids(later) + "）的支付额 "
                        + Wording.money(sum(later)) + " 为多支付。");
            }
            default -> {
                Counterfactual merged = mergedEpisode(episode);
                if (merged.group() == null) {
                    return Price.unpriced("合并各次住院后" + (merged.notRegrouped() != null ? merged.notRegrouped()
                            : "分组结果为 " + merged.code() + "，不是本地区目录内病组") + "，待审核确定");
                }
                BigDecimal total = episode.stream().map(a -> a.totalCost).reduce(BigDecimal.ZERO, BigDecimal::add);
                PaymentTerms.CaseValue once = terms.value(merged.group(), insuranceType, coefficient, total, null);
                BigDecimal amount = sum(episode).subtract(once.fundPays());
                return Price.overpayment(amount, "按本地区规定，各次住院（" + ids(episode) + "）合并为一次住院入 " + merged.group().code()
                        + " " + merged.group().name() + "，应支付 " + Wording.money(once.fundPays()) + "，实际分次支付 "
                        + Wording.money(sum(episode)) + "，多支付 " + Wording.money(amount.max(BigDecimal.ZERO)) + "。");
            }
        }
    }

    /** The episode as one stay: the first stay's principal diagnosis, every other code of every stay, one regrouping. */
    private Counterfactual mergedEpisode(List<AuditCase> episode) {
        AuditCase first = episode.get(0);
        if (first.grouper == null) {
            return Counterfactual.impossible(List.of(), "知识库没有可用的分组表");
        }
        java.util.LinkedHashSet<String> secondaries = new java.util.LinkedHashSet<>();
        java.util.LinkedHashSet<String> procedures = new java.util.LinkedHashSet<>();
        BigDecimal ventilation = BigDecimal.ZERO;
        for (AuditCase stay : episode) {
            if (stay != first && stay.principalCode != null) {
                secondaries.add(stay.principalCode);
            }
            secondaries.addAll(stay.secondaryCodes);
            procedures.addAll(stay.groupingCase == null ? stay.procedureCodes : stay.groupingCase.procedures());
            ventilation = ventilation.add(stay.ventilatorHours);
        }
        secondaries.remove(first.principalCode);
        GroupingCase g = first.groupingCase;
        GroupingCase mergedCase = new GroupingCase(first.principalCode, List.copyOf(secondaries), List.copyOf(procedures), g.sex(),
                g.ageYears(), g.ageDays(), g.birthWeightGrams(), ventilation, g.department());
        var result = first.grouper.group(mergedCase, false);
        return new Counterfactual(List.of(), result.drg(), result.grouped() ? catalogue.get(result.drg()) : null, null);
    }

    private static BigDecimal sum(List<AuditCase> stays) {
        return stays.stream().map(a -> a.paid.fundPays()).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String ids(List<AuditCase> stays) {
        return Wording.codes(stays.stream().map(AuditCase::getCaseId).toList());
    }

    /** "支付 17,424.00 元（权重 1.452 × 基础费率 12000 元 × 医院系数 1.0）" with the cost ratio and patient share where they apply. */
    private String valueSentence(PaymentTerms.CaseValue v) {
        return "支付 " + Wording.money(v.fundPays()) + "（" + terms.formula(v.group(), insuranceType, coefficient)
                + (v.scaled() ? " × 费用比例 " + v.ratio().setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString() : "")
                + (v.patientShare() != null && v.patientShare().signum() > 0 ? " − 患者负担 " + Wording.money(v.patientShare()) : "") + "）";
    }

    // ---------------------------------------------------------------------------------------------
    // Counterfactual regroupings, computed when a rule asks for them
    // ---------------------------------------------------------------------------------------------

    /** The case without the codes restricted to the other sex. */
    public Counterfactual getWithoutSexConflicts() {
        if (withoutSexConflicts == null) {
            withoutSexConflicts = regroupWithout(sexConflictDiagnoses, sexConflictProcedures);
        }
        return withoutSexConflicts;
    }

    /** The case without the diagnoses outside their age window. */
    public Counterfactual getWithoutAgeConflicts() {
        if (withoutAgeConflicts == null) {
            withoutAgeConflicts = regroupWithout(ageConflictDiagnoses, Set.of());
        }
        return withoutAgeConflicts;
    }

    /** The case without its OR procedures (a surgical group whose surgery left no fee and no anaesthesia). */
    public Counterfactual getWithoutOrProcedures() {
        if (withoutOrProcedures == null) {
            withoutOrProcedures = regroupWithout(Set.of(), orProcedureCodes);
        }
        return withoutOrProcedures;
    }

    /** The case without the procedures dated outside the stay. */
    public Counterfactual getWithoutProceduresOutsideStay() {
        if (withoutProceduresOutsideStay == null) {
            withoutProceduresOutsideStay = regroupWithout(Set.of(), outsideStayProcedures);
        }
        return withoutProceduresOutsideStay;
    }

    /** The case without the procedures that entered the claimed long-ventilation ADRG. */
    public Counterfactual getWithoutVentilation() {
        if (withoutVentilation == null) {
            withoutVentilation = regroupWithout(Set.of(), Set.copyOf(ventilationRemovedCodes));
        }
        return withoutVentilation;
    }

    private Counterfactual regroupWithout(Set<String> diagnoses, Set<String> procedures) {
        List<String> removed = new ArrayList<>(diagnoses);
        removed.addAll(procedures);
        java.util.Collections.sort(removed);
        if (grouper == null) {
            return Counterfactual.impossible(removed, "知识库没有病例分组版本的分组表，无法重新分组");
        }
        if (diagnoses.contains(principalCode)) {
            return Counterfactual.impossible(removed, "主要诊断 " + principalCode + " 本身不能成立，去除后无法重新分组");
        }
        GroupingCase without = groupingCase;
        if (!diagnoses.isEmpty()) {
            without = without.withoutDiagnoses(diagnoses);
        }
        if (!procedures.isEmpty()) {
            without = without.withoutProcedures(procedures);
        }
        var result = grouper.group(without, false);
        return new Counterfactual(removed, result.drg(), result.grouped() ? catalogue.get(result.drg()) : null, null);
    }

    /** Whether any of the given procedure codes was coded in this stay. */
    public boolean hasAnyProcedure(Collection<String> codes) {
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
