package org.drgaudit.knowledge;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy parameters of one region and year (knowledge-base/parameters/*.yaml): payment rates,
 * rule thresholds and penalty multiples. Rules read every threshold from here; getters exist so
 * that DRL constraints can name them ({@code policy.splitAdmission.readmissionWindowDays}).
 */
@JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
public final class PolicyParameters {

    private String region;
    private String regionName;
    private Integer year;
    private LocalDate effectiveFrom;
    private LocalDate effectiveTo;
    private String grouperVersion;
    private String catalogue;
    private Payment payment;
    private HighCoding highCoding;
    private Mismatch mismatch;
    private SplitAdmission splitAdmission;
    private TooLittleService tooLittleService;
    private SpecialCase specialCase;
    private Map<String, BigDecimal> penaltyMultiples;
    private Sweep sweep;
    private Sampling sampling;
    private Review review;
    private Clearing clearing;

    public String getRegion() { return region; }
    public String getRegionName() { return regionName; }
    public Integer getYear() { return year; }
    public LocalDate getEffectiveFrom() { return effectiveFrom; }
    public LocalDate getEffectiveTo() { return effectiveTo; }
    public String getGrouperVersion() { return grouperVersion; }
    public String getCatalogue() { return catalogue; }
    public Payment getPayment() { return payment; }
    public HighCoding getHighCoding() { return highCoding; }
    public Mismatch getMismatch() { return mismatch; }
    public SplitAdmission getSplitAdmission() { return splitAdmission; }
    public TooLittleService getTooLittleService() { return tooLittleService; }
    public SpecialCase getSpecialCase() { return specialCase; }
    public Map<String, BigDecimal> getPenaltyMultiples() { return penaltyMultiples; }
    public Sweep getSweep() { return sweep; }
    public Sampling getSampling() { return sampling; }
    public Review getReview() { return review; }
    public Clearing getClearing() { return clearing; }

    public boolean covers(LocalDate date) {
        return !date.isBefore(effectiveFrom) && !date.isAfter(effectiveTo);
    }

    public BigDecimal penaltyMultiple(String family) {
        BigDecimal m = penaltyMultiples.get(family);
        return m == null ? BigDecimal.ZERO : m;
    }

    /** Paths of required values that the file leaves out. */
    List<String> missing() {
        List<String> missing = new ArrayList<>();
        require(missing, "region", region);
        require(missing, "year", year);
        require(missing, "effectiveFrom", effectiveFrom);
        require(missing, "effectiveTo", effectiveTo);
        require(missing, "catalogue", catalogue);
        require(missing, "grouperVersion", grouperVersion);
        require(missing, "payment", payment);
        require(missing, "highCoding", highCoding);
        require(missing, "mismatch", mismatch);
        require(missing, "splitAdmission", splitAdmission);
        require(missing, "tooLittleService", tooLittleService);
        require(missing, "specialCase", specialCase);
        require(missing, "penaltyMultiples", penaltyMultiples);
        require(missing, "sweep", sweep);
        require(missing, "sampling", sampling);
        require(missing, "review", review);
        require(missing, "clearing", clearing);
        if (!missing.isEmpty()) {
            return missing;
        }
        require(missing, "payment.method", payment.method);
        require(missing, "payment.baseRates.EMPLOYEE", payment.baseRates == null ? null : payment.baseRates.get("EMPLOYEE"));
        require(missing, "payment.baseRates.RESIDENT", payment.baseRates == null ? null : payment.baseRates.get("RESIDENT"));
        require(missing, "highCoding.longVentilationAdrgs", highCoding.longVentilationAdrgs);
        require(missing, "highCoding.longVentilationHours", highCoding.longVentilationHours);
        require(missing, "highCoding.longVentilationExemptProcedures", highCoding.longVentilationExemptProcedures);
        require(missing, "highCoding.icuDependentGroups", highCoding.icuDependentGroups);
        require(missing, "highCoding.traceLosRatio", highCoding.traceLosRatio);
        require(missing, "highCoding.traceTreatmentDrugShare", highCoding.traceTreatmentDrugShare);
        require(missing, "highCoding.icuRecordToleranceHours", highCoding.icuRecordToleranceHours);
        require(missing, "mismatch.minSurgeryFee", mismatch.minSurgeryFee);
        require(missing, "mismatch.nonSurgicalAdrgs", mismatch.nonSurgicalAdrgs);
        require(missing, "splitAdmission.readmissionWindowDays", splitAdmission.readmissionWindowDays);
        require(missing, "splitAdmission.immediateReadmissionHours", splitAdmission.immediateReadmissionHours);
        require(missing, "splitAdmission.chainMinStays", splitAdmission.chainMinStays);
        require(missing, "splitAdmission.excludedAdrgs", splitAdmission.excludedAdrgs);
        require(missing, "splitAdmission.allianceReferralExemptions", splitAdmission.allianceReferralExemptions);
        require(missing, "tooLittleService.lowCostRatio", tooLittleService.lowCostRatio);
        require(missing, "tooLittleService.shortStayDays", tooLittleService.shortStayDays);
        require(missing, "tooLittleService.diagnosticShareMin", tooLittleService.diagnosticShareMin);
        require(missing, "tooLittleService.treatmentShareMax", tooLittleService.treatmentShareMax);
        require(missing, "tooLittleService.costShiftWindowDays", tooLittleService.costShiftWindowDays);
        require(missing, "tooLittleService.costShiftShareMin", tooLittleService.costShiftShareMin);
        require(missing, "tooLittleService.selfPayShareLimit", tooLittleService.selfPayShareLimit);
        require(missing, "specialCase.highCostRatio", specialCase.highCostRatio);
        require(missing, "sweep.lookbackDays", sweep.lookbackDays);
        require(missing, "sampling.randomShare", sampling.randomShare);
        require(missing, "sampling.minPerHospital", sampling.minPerHospital);
        require(missing, "sampling.maxSuspicious", sampling.maxSuspicious);
        require(missing, "review.firstReviewDays", review.firstReviewDays);
        require(missing, "review.secondReviewDays", review.secondReviewDays);
        require(missing, "review.appealDays", review.appealDays);
        require(missing, "review.investigationDays", review.investigationDays);
        require(missing, "review.decisionDays", review.decisionDays);
        require(missing, "review.attachmentMaxMb", review.attachmentMaxMb);
        require(missing, "review.attachmentTypes", review.attachmentTypes);
        clearing.missing(missing);
        return missing;
    }

    /** Values that are present but out of range, each as "path: what is wrong". */
    List<String> invalid() {
        List<String> invalid = new ArrayList<>();
        if (payment != null && payment.method != null && !payment.method.equals("POINT") && !payment.method.equals("RATE")) {
            invalid.add("payment.method: must be POINT or RATE, not '" + payment.method + "'");
        }
        if (splitAdmission != null && splitAdmission.allianceReferralExemptions != null) {
            splitAdmission.invalidExemptions(invalid);
        }
        if (clearing != null) {
            clearing.invalid(invalid);
        }
        return invalid;
    }

    private static void require(List<String> missing, String path, Object value) {
        if (value == null) {
            missing.add(path);
        }
    }

    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class Payment {
        private String method;
        private Map<String, BigDecimal> baseRates;

        public String getMethod() { return method; }
        public Map<String, BigDecimal> getBaseRates() { return baseRates; }
    }

    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class HighCoding {
        private java.util.SortedSet<String> longVentilationAdrgs;
        private BigDecimal longVentilationHours;
        private java.util.SortedSet<String> longVentilationExemptProcedures;
        private java.util.SortedSet<String> icuDependentGroups;
        private BigDecimal traceLosRatio;
        private BigDecimal traceTreatmentDrugShare;
        private BigDecimal icuRecordToleranceHours;

        public Set<String> getLongVentilationAdrgs() { return longVentilationAdrgs; }
        public BigDecimal getLongVentilationHours() { return longVentilationHours; }
        public Set<String> getLongVentilationExemptProcedures() { return longVentilationExemptProcedures; }
        public Set<String> getIcuDependentGroups() { return icuDependentGroups; }
        public BigDecimal getTraceLosRatio() { return traceLosRatio; }
        public BigDecimal getTraceTreatmentDrugShare() { return traceTreatmentDrugShare; }
        /** HC-05: claimed ICU hours may exceed the ICU records inside the stay by this many hours. */
        public BigDecimal getIcuRecordToleranceHours() { return icuRecordToleranceHours; }
    }

    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class Mismatch {
        private BigDecimal minSurgeryFee;
        private java.util.SortedSet<String> nonSurgicalAdrgs;

        public BigDecimal getMinSurgeryFee() { return minSurgeryFee; }
        public Set<String> getNonSurgicalAdrgs() { return nonSurgicalAdrgs; }
    }

    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class SplitAdmission {
        private Integer readmissionWindowDays;
        private Integer immediateReadmissionHours;
        private Integer chainMinStays;
        private java.util.SortedSet<String> excludedAdrgs;
        private List<ReferralExemption> allianceReferralExemptions;

        public Integer getReadmissionWindowDays() { return readmissionWindowDays; }
        public Integer getImmediateReadmissionHours() { return immediateReadmissionHours; }
        public Integer getChainMinStays() { return chainMinStays; }
        public Set<String> getExcludedAdrgs() { return excludedAdrgs; }
        /** SA-03: transfers inside an alliance that are referrals (双向转诊), never split admissions. */
        public List<ReferralExemption> getAllianceReferralExemptions() { return allianceReferralExemptions; }

        /** The first exemption a transfer in this direction with this later principal diagnosis falls under; null if none. */
        public ReferralExemption referralExemption(String direction, String laterPrincipal) {
            for (ReferralExemption e : allianceReferralExemptions) {
                if (e.covers(direction, laterPrincipal)) {
                    return e;
                }
            }
            return null;
        }

        private void invalidExemptions(List<String> invalid) {
            for (int i = 0; i < allianceReferralExemptions.size(); i++) {
                ReferralExemption e = allianceReferralExemptions.get(i);
                String path = "splitAdmission.allianceReferralExemptions[" + i + "]";
                if (e == null || e.name == null || e.name.isBlank()) {
                    invalid.add(path + ".name: every exemption needs a name (e.g. 下转接续康复护理)");
                }
                if (e != null && (e.direction == null || !ReferralExemption.DIRECTIONS.contains(e.direction))) {
                    invalid.add(path + ".direction: must be UP, DOWN or SAME, not '" + e.direction + "'");
                }
            }
        }
    }

    /**
     * A referral inside an alliance that is not a split admission: its direction by hospital level (UP to a
     * higher-level member, DOWN to a lower one, SAME between members of one level) and, optionally, the code
     * prefixes the later stay's principal diagnosis must start with (none: any diagnosis).
     */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class ReferralExemption {
        static final Set<String> DIRECTIONS = Set.of("UP", "DOWN", "SAME");

        private String name;
        private String direction;
        private List<String> principalDiagnoses;

        public String getName() { return name; }
        public String getDirection() { return direction; }
        public List<String> getPrincipalDiagnoses() { return principalDiagnoses == null ? List.of() : principalDiagnoses; }

        boolean covers(String transferDirection, String laterPrincipal) {
            if (!direction.equals(transferDirection)) {
                return false;
            }
            List<String> prefixes = getPrincipalDiagnoses();
            return prefixes.isEmpty() || laterPrincipal != null && prefixes.stream().anyMatch(laterPrincipal::startsWith);
        }
    }

    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class TooLittleService {
        private BigDecimal lowCostRatio;
        private Integer shortStayDays;
        private BigDecimal diagnosticShareMin;
        private BigDecimal treatmentShareMax;
        private Integer costShiftWindowDays;
        private BigDecimal costShiftShareMin;
        private BigDecimal selfPayShareLimit;

        public BigDecimal getLowCostRatio() { return lowCostRatio; }
        public Integer getShortStayDays() { return shortStayDays; }
        public BigDecimal getDiagnosticShareMin() { return diagnosticShareMin; }
        public BigDecimal getTreatmentShareMax() { return treatmentShareMax; }
        public Integer getCostShiftWindowDays() { return costShiftWindowDays; }
        public BigDecimal getCostShiftShareMin() { return costShiftShareMin; }
        public BigDecimal getSelfPayShareLimit() { return selfPayShareLimit; }
    }

    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class SpecialCase {
        private BigDecimal highCostRatio;

        public BigDecimal getHighCostRatio() { return highCostRatio; }
    }

    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class Sweep {
        private Integer lookbackDays;

        public Integer getLookbackDays() { return lookbackDays; }
    }

    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class Sampling {
        private BigDecimal randomShare;
        private Integer minPerHospital;
        private Integer maxSuspicious;

        public BigDecimal getRandomShare() { return randomShare; }
        public Integer getMinPerHospital() { return minPerHospital; }
        public Integer getMaxSuspicious() { return maxSuspicious; }
    }

    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class Review {
        private Integer firstReviewDays;
        private Integer secondReviewDays;
        private Integer appealDays;
        private Integer investigationDays;
        private Integer decisionDays;
        private Integer attachmentMaxMb;
        private java.util.SortedSet<String> attachmentTypes;

        public Integer getFirstReviewDays() { return firstReviewDays; }
        public Integer getSecondReviewDays() { return secondReviewDays; }
        public Integer getAppealDays() { return appealDays; }
        public Integer getInvestigationDays() { return investigationDays; }
        public Integer getDecisionDays() { return decisionDays; }
        public Integer getAttachmentMaxMb() { return attachmentMaxMb; }
        public java.util.SortedSet<String> getAttachmentTypes() { return attachmentTypes; }

        /** Days allowed for a step of the workflow. */
        public int daysFor(String step) {
            Integer days = switch (step) {
                case "FIRST_REVIEW" -> firstReviewDays;
                case "SECOND_REVIEW" -> secondReviewDays;
                case "APPEAL" -> appealDays;
                case "INVESTIGATION" -> investigationDays;
                case "DECISION" -> decisionDays;
                default -> null;
            };
            return days == null ? 0 : days;
        }
    }

    /**
     * Year-end clearing (年终清算): the regional budget and its reserve, how points are counted, what a
     * confirmed finding costs, the quality deposit and the assessment grades that release it, and the
     * one-vote veto (一票否决).
     */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class Clearing {
        private BigDecimal annualBudget;
        private BigDecimal reserveShare;
        private BigDecimal pointsPerWeight;
        private BigDecimal incompleteStayCostRatio;
        private BigDecimal splitEarlierStayFactor;
        private Map<String, BigDecimal> penaltyBasePoints;
        private BigDecimal depositShare;
        private List<Grade> grades;
        private BigDecimal vetoShare;
        private String vetoGrade;

        public BigDecimal getAnnualBudget() { return annualBudget; }
        public BigDecimal getReserveShare() { return reserveShare; }
        public BigDecimal getPointsPerWeight() { return pointsPerWeight; }
        public BigDecimal getIncompleteStayCostRatio() { return incompleteStayCostRatio; }
        public BigDecimal getSplitEarlierStayFactor() { return splitEarlierStayFactor; }
        public Map<String, BigDecimal> getPenaltyBasePoints() { return penaltyBasePoints; }
        public BigDecimal getDepositShare() { return depositShare; }
        public List<Grade> getGrades() { return grades; }
        public BigDecimal getVetoShare() { return vetoShare; }
        public String getVetoGrade() { return vetoGrade; }

        /** The multiple of the claimed group's base points deducted for a confirmed finding of the family (0 when unset). */
        public BigDecimal penaltyBasePoints(String family) {
            BigDecimal m = penaltyBasePoints == null || family == null ? null : penaltyBasePoints.get(family);
            return m == null ? BigDecimal.ZERO : m;
        }

        /** The grade of an assessment score: the first band (highest minimum first) the score reaches. */
        public Grade gradeFor(BigDecimal score) {
            return grades.stream().sorted(java.util.Comparator.comparing(Grade::getMinScore).reversed())
                    .filter(g -> score.compareTo(g.getMinScore()) >= 0).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("score " + score + " is below every grade band"));
        }

        public Grade grade(String name) {
            return grades.stream().filter(g -> g.getName().equals(name)).findFirst().orElse(null);
        }

        void missing(List<String> missing) {
            require(missing, "clearing.annualBudget", annualBudget);
            require(missing, "clearing.reserveShare", reserveShare);
            require(missing, "clearing.pointsPerWeight", pointsPerWeight);
            require(missing, "clearing.incompleteStayCostRatio", incompleteStayCostRatio);
            require(missing, "clearing.splitEarlierStayFactor", splitEarlierStayFactor);
            require(missing, "clearing.penaltyBasePoints", penaltyBasePoints);
            require(missing, "clearing.depositShare", depositShare);
            require(missing, "clearing.grades", grades);
            require(missing, "clearing.vetoShare", vetoShare);
            require(missing, "clearing.vetoGrade", vetoGrade);
            if (grades != null) {
                for (int i = 0; i < grades.size(); i++) {
                    Grade g = grades.get(i);
                    require(missing, "clearing.grades[" + i + "].name", g == null ? null : g.name);
                    require(missing, "clearing.grades[" + i + "].minScore", g == null ? null : g.minScore);
                    require(missing, "clearing.grades[" + i + "].deductionShare", g == null ? null : g.deductionShare);
                }
            }
        }

        void invalid(List<String> invalid) {
            positive(invalid, "clearing.annualBudget", annualBudget);
            positive(invalid, "clearing.pointsPerWeight", pointsPerWeight);
            share(invalid, "clearing.reserveShare", reserveShare, false);
            share(invalid, "clearing.incompleteStayCostRatio", incompleteStayCostRatio, false);
            share(invalid, "clearing.splitEarlierStayFactor", splitEarlierStayFactor, true);
            share(invalid, "clearing.depositShare", depositShare, true);
            share(invalid, "clearing.vetoShare", vetoShare, false);
            if (penaltyBasePoints != null) {
                penaltyBasePoints.forEach((family, m) -> {
                    if (m == null || m.signum() < 0) {
                        invalid.add("clearing.penaltyBasePoints." + family + ": must be a number ≥ 0");
                    }
                });
                if (penaltyBasePoints.containsKey("split-admission")) {
                    invalid.add("clearing.penaltyBasePoints.split-admission: split admissions are settled by "
                            + "clearing.splitEarlierStayFactor; remove this entry");
                }
            }
            if (grades != null && grades.stream().allMatch(g -> g != null && g.name != null && g.minScore != null && g.deductionShare != null)) {
                if (grades.isEmpty()) {
                    invalid.add("clearing.grades: needs at least one grade");
                } else if (grades.stream().noneMatch(g -> g.minScore.signum() == 0)) {
                    invalid.add("clearing.grades: the lowest band must start at minScore 0 so that every score has a grade");
                }
                for (int i = 0; i < grades.size(); i++) {
                    share(invalid, "clearing.grades[" + i + "].deductionShare", grades.get(i).deductionShare, true);
                }
                if (grades.stream().map(g -> g.name).distinct().count() != grades.size()) {
                    invalid.add("clearing.grades: grade names must be distinct");
                }
                if (vetoGrade != null && grade(vetoGrade) == null) {
                    invalid.add("clearing.vetoGrade: '" + vetoGrade + "' is not one of the grades "
                            + grades.stream().map(g -> g.name).toList());
                }
            }
        }

        private static void positive(List<String> invalid, String path, BigDecimal v) {
            if (v != null && v.signum() <= 0) {
                invalid.add(path + ": must be greater than 0, got " + v.toPlainString());
            }
        }

        private static void share(List<String> invalid, String path, BigDecimal v, boolean oneAllowed) {
            if (v != null && (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0 || !oneAllowed && v.compareTo(BigDecimal.ONE) == 0)) {
                invalid.add(path + ": must be between 0 and 1" + (oneAllowed ? "" : " (exclusive of 1)") + ", got " + v.toPlainString());
            }
        }
    }

    /** An assessment grade (考核等次): the lowest score that reaches it and the share of the quality deposit it forfeits. */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class Grade {
        private String name;
        private BigDecimal minScore;
        private BigDecimal deductionShare;

        public String getName() { return name; }
        public BigDecimal getMinScore() { return minScore; }
        public BigDecimal getDeductionShare() { return deductionShare; }
    }
}
