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
 * The policy parameters of one region and year (knowledge-base/parameters/*.yaml): payment terms,
 * rule thresholds, penalties, review deadlines and clearing. Rules read every threshold from here; getters exist so
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
    private Penalties penalties;
    private Sweep sweep;
    private Sampling sampling;
    private Review review;
    private Clearing clearing;
    /** Parameters declared in the file itself (section → name → type, value, description), read by name from DRL. */
    private java.util.LinkedHashMap<String, java.util.LinkedHashMap<String, Declared>> ruleParameters;
    @com.fasterxml.jackson.annotation.JsonIgnore
    private transient volatile Map<String, Object[]> index;
    /** The file's name without folder and extension ({@code demo-2025}): the name of the dated set it anchors. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    private transient String name;

    public String getRegion() { return region; }
    /** The parameters file's name without folder and extension (e.g. demo-2025); the region and year when not read from a file. */
    public String getName() { return name != null ? name : region + "-" + year; }
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
    public Penalties getPenalties() { return penalties; }
    public Sweep getSweep() { return sweep; }
    public Sampling getSampling() { return sampling; }
    public Review getReview() { return review; }
    public Clearing getClearing() { return clearing; }

    /**
     * A parameter declared in the file: its type, value and what it means. Types: NUMBER (a decimal), INTEGER, TEXT,
     * CODES (a list of codes, read as a set), FLAG (true or false).
     */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class Declared {
        private String type;
        private Object value;
        private String description;

        public String getType() { return type; }
        public Object getValue() { return value; }
        public String getDescription() { return description; }
    }

    static final List<String> TYPES = List.of("NUMBER", "INTEGER", "TEXT", "CODES", "FLAG");

    /** The declared parameters, by section and name. */
    public Map<String, ? extends Map<String, Declared>> getRuleParameters() {
        return ruleParameters == null ? Map.of() : ruleParameters;
    }

    // ---------------------------------------------------------------------------------------------
    // Reading a parameter by name ("section.name"), for rules: a typed section's value or a declared one
    // ---------------------------------------------------------------------------------------------

    /** The value of a parameter by its path; throws when the path names no value (the gate refuses such a rule). */
    public Object param(String path) {
        Object[] entry = index().get(path);
        if (entry == null || entry[1] == null) {
            throw new IllegalArgumentException("parameter '" + path + "' is not declared in the parameters of " + region + " " + year);
        }
        return entry[1];
    }

    public BigDecimal number(String path) {
        Object v = param(path);
        return v instanceof BigDecimal b ? b : new BigDecimal(String.valueOf(v));
    }

    public int integer(String path) {
        return ((Number) param(path)).intValue();
    }

    public String text(String path) {
        return String.valueOf(param(path));
    }

    @SuppressWarnings("unchecked")
    public Set<String> codes(String path) {
        return (Set<String>) param(path);
    }

    public boolean flag(String path) {
        return (Boolean) param(path);
    }

    /** NUMBER, INTEGER, TEXT, CODES or FLAG for a readable value; null when the path names none. */
    public String typeOf(String path) {
        Object[] entry = index().get(path);
        return entry == null || entry[1] == null ? null : (String) entry[0];
    }

    /** Whether the path names a value or a section of this file (for a rule's @parameters list). */
    public boolean has(String path) {
        return index().containsKey(path);
    }

    /** Whether a reader (number, integer, text, codes, flag, param) can read a value of the type. */
    public static boolean readable(String reader, String type) {
        return switch (reader) {
            case "param" -> true;
            case "number" -> type.equals("NUMBER") || type.equals("INTEGER");
            default -> readerOf(type).equals(reader);
        };
    }

    /** The reader of a type: number, integer, text, codes or flag. */
    public static String readerOf(String type) {
        return switch (type) {
            case "NUMBER" -> "number";
            case "INTEGER" -> "integer";
            case "CODES" -> "codes";
            case "FLAG" -> "flag";
            default -> "text";
        };
    }

    /** Every path of the file with its type and value (sections and lists of objects have no value). */
    private Map<String, Object[]> index() {
        Map<String, Object[]> i = index;
        if (i == null) {
            i = new java.util.HashMap<>();
            com.fasterxml.jackson.databind.JsonNode tree = org.drgaudit.shared.CanonicalJson.MAPPER.valueToTree(this);
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree).remove("ruleParameters");
            flatten("", tree, i);
            for (var section : getRuleParameters().entrySet()) {
                i.putIfAbsent(section.getKey(), new Object[] {"SECTION", null});
                for (var d : section.getValue().entrySet()) {
                    i.put(section.getKey() + "." + d.getKey(), new Object[] {d.getValue().type, typed(d.getValue())});
                }
            }
            index = i;
        }
        return i;
    }

    private static void flatten(String prefix, com.fasterxml.jackson.databind.JsonNode node, Map<String, Object[]> out) {
        if (node.isObject()) {
            if (!prefix.isEmpty()) {
                out.put(prefix, new Object[] {"SECTION", null});
            }
            node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
        } else if (node.isArray()) {
            boolean codes = true;
            Set<String> values = new java.util.TreeSet<>();
            for (var item : node) {
                codes &= item.isValueNode();
                values.add(item.asText());
            }
            out.put(prefix, codes ? new Object[] {"CODES", java.util.Collections.unmodifiableSet(values)} : new Object[] {"LIST", null});
        } else if (node.isIntegralNumber()) {
            out.put(prefix, new Object[] {"INTEGER", node.intValue()});
        } else if (node.isNumber()) {
            out.put(prefix, new Object[] {"NUMBER", node.decimalValue()});
        } else if (node.isBoolean()) {
            out.put(prefix, new Object[] {"FLAG", node.booleanValue()});
        } else if (node.isTextual()) {
            out.put(prefix, new Object[] {"TEXT", node.asText()});
        }
    }

    /** A declared value as its type reads it; null when it does not fit (reported by {@link #invalid()}). */
    private static Object typed(Declared d) {
        Object v = d.value;
        try {
            return switch (d.type == null ? "" : d.type) {
                case "NUMBER" -> v instanceof Number || v instanceof String ? new BigDecimal(String.valueOf(v)) : null;
                case "INTEGER" -> v instanceof Integer || v instanceof Long ? ((Number) v).intValue() : null;
                case "TEXT" -> v == null || v instanceof java.util.Collection || v instanceof Map ? null : String.valueOf(v);
                case "CODES" -> v instanceof java.util.Collection<?> c
                        ? java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(c.stream().map(String::valueOf).toList())) : null;
                case "FLAG" -> v instanceof Boolean b ? b : null;
                default -> null;
            };
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Names the parameters after their file (the knowledge base's reader does, once). */
    PolicyParameters named(String fileName) {
        this.name = fileName;
        return this;
    }

    public boolean covers(LocalDate date) {
        return !date.isBefore(effectiveFrom) && !date.isAfter(effectiveTo);
    }

    /** How a case of this region and year is valued: the payment method, rates, points and low-cost scaling. */
    public PaymentTerms paymentTerms() {
        return new PaymentTerms(PaymentTerms.Method.valueOf(payment.method), payment.baseRates, payment.pointsPerWeight,
                payment.lowCostPaidByRatio, Boolean.TRUE.equals(payment.netPatientShare));
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
        require(missing, "penalties", penalties);
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
        require(missing, "payment.pointsPerWeight", payment.pointsPerWeight);
        require(missing, "highCoding.longVentilationAdrgs", highCoding.longVentilationAdrgs);
        require(missing, "highCoding.longVentilationHours", highCoding.longVentilationHours);
        require(missing, "highCoding.longVentilationExemptProcedures", highCoding.longVentilationExemptProcedures);
        require(missing, "highCoding.longVentilationProcedures", highCoding.longVentilationProcedures);
        require(missing, "highCoding.traceLosRatio", highCoding.traceLosRatio);
        require(missing, "highCoding.traceTreatmentDrugShare", highCoding.traceTreatmentDrugShare);
        require(missing, "highCoding.icuRecordToleranceHours", highCoding.icuRecordToleranceHours);
        require(missing, "mismatch.minSurgeryFee", mismatch.minSurgeryFee);
        require(missing, "mismatch.nonSurgicalAdrgs", mismatch.nonSurgicalAdrgs);
        require(missing, "splitAdmission.readmissionWindowDays", splitAdmission.readmissionWindowDays);
        require(missing, "splitAdmission.immediateReadmissionHours", splitAdmission.immediateReadmissionHours);
        require(missing, "splitAdmission.chainMinStays", splitAdmission.chainMinStays);
        require(missing, "splitAdmission.excludedAdrgs", splitAdmission.excludedAdrgs);
        require(missing, "splitAdmission.overpaymentMethod", splitAdmission.overpaymentMethod);
        if (SplitAdmission.EARLIER_STAY_FACTOR.equals(splitAdmission.overpaymentMethod)) {
            require(missing, "splitAdmission.earlierStayFactor", splitAdmission.earlierStayFactor);
        }
        penalties.missing(missing);
        require(missing, "splitAdmission.allianceReferralExemptions", splitAdmission.allianceReferralExemptions);
        require(missing, "tooLittleService.lowCostRatio", tooLittleService.lowCostRatio);
        require(missing, "tooLittleService.shortStayDays", tooLittleService.shortStayDays);
        require(missing, "tooLittleService.diagnosticShareMin", tooLittleService.diagnosticShareMin);
        require(missing, "tooLittleService.treatmentShareMax", tooLittleService.treatmentShareMax);
        require(missing, "tooLittleService.costShiftWindowDays", tooLittleService.costShiftWindowDays);
        require(missing, "tooLittleService.costShiftShareMin", tooLittleService.costShiftShareMin);
        require(missing, "tooLittleService.selfPayShareLimit", tooLittleService.selfPayShareLimit);
        specialCase.missing(missing);
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
        if (effectiveFrom != null && effectiveTo != null && effectiveTo.isBefore(effectiveFrom)) {
            invalid.add("effectiveTo: " + effectiveTo + " is before effectiveFrom " + effectiveFrom);
        }
        if (payment != null && payment.method != null && !payment.method.equals("POINT") && !payment.method.equals("RATE")) {
            invalid.add("payment.method: must be POINT or RATE, not '" + payment.method + "'");
        }
        if (payment != null) {
            Clearing.positive(invalid, "payment.pointsPerWeight", payment.pointsPerWeight);
            Clearing.share(invalid, "payment.lowCostPaidByRatio", payment.lowCostPaidByRatio, false);
            if (payment.baseRates != null) {
                payment.baseRates.forEach((k, v) -> Clearing.positive(invalid, "payment.baseRates." + k, v));
            }
            if (Boolean.TRUE.equals(payment.netPatientShare) && "POINT".equals(payment.method)) {
                invalid.add("payment.netPatientShare: netting the patient's share applies to the rate method (RATE) only; "
                        + "remove it or set it to false under POINT");
            }
        }
        if (splitAdmission != null && splitAdmission.overpaymentMethod != null) {
            if (!SplitAdmission.METHODS.contains(splitAdmission.overpaymentMethod)) {
                invalid.add("splitAdmission.overpaymentMethod: must be one of " + SplitAdmission.METHODS + ", not '"
                        + splitAdmission.overpaymentMethod + "'");
            }
            Clearing.share(invalid, "splitAdmission.earlierStayFactor", splitAdmission.earlierStayFactor, true);
        }
        if (penalties != null) {
            penalties.invalid(invalid);
        }
        if (splitAdmission != null && splitAdmission.allianceReferralExemptions != null) {
            splitAdmission.invalidExemptions(invalid);
        }
        if (clearing != null) {
            clearing.invalid(invalid);
        }
        if (specialCase != null) {
            specialCase.invalid(invalid);
        }
        getRuleParameters().forEach((section, names) -> {
            if (names == null) {
                invalid.add("ruleParameters." + section + ": declare at least one parameter (name: {type, value, description})");
                return;
            }
            names.forEach((name, d) -> {
                String path = "ruleParameters." + section + "." + name;
                if (d == null || d.type == null || !TYPES.contains(d.type)) {
                    invalid.add(path + ".type: must be one of " + TYPES);
                } else if (typed(d) == null) {
                    invalid.add(path + ".value: must be a value of type " + d.type + ", got " + (d.value == null ? "nothing" : "'" + d.value + "'"));
                }
                if (d != null && (d.description == null || d.description.isBlank())) {
                    invalid.add(path + ".description: say what the parameter means (in Chinese), for the rule catalogue");
                }
            });
        });
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
        private BigDecimal pointsPerWeight;
        private BigDecimal lowCostPaidByRatio;
        private Boolean netPatientShare;

        public String getMethod() { return method; }
        public Map<String, BigDecimal> getBaseRates() { return baseRates; }
        public BigDecimal getPointsPerWeight() { return pointsPerWeight; }
        /** Below this share of the standard cost a case is paid by its cost ratio; null: low-cost cases are paid in full. */
        public BigDecimal getLowCostPaidByRatio() { return lowCostPaidByRatio; }
        public boolean isNetPatientShare() { return Boolean.TRUE.equals(netPatientShare); }
    }

    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class HighCoding {
        private java.util.SortedSet<String> longVentilationAdrgs;
        private BigDecimal longVentilationHours;
        private java.util.SortedSet<String> longVentilationExemptProcedures;
        private java.util.SortedSet<String> longVentilationProcedures;
        private BigDecimal traceLosRatio;
        private BigDecimal traceTreatmentDrugShare;
        private BigDecimal icuRecordToleranceHours;

        public Set<String> getLongVentilationAdrgs() { return longVentilationAdrgs; }
        public BigDecimal getLongVentilationHours() { return longVentilationHours; }
        public Set<String> getLongVentilationExemptProcedures() { return longVentilationExemptProcedures; }
        /**
         * The procedure codes that record invasive ventilation of at least the long-ventilation hours (96.7201): what
         * puts a case into a long-ventilation ADRG, so HC-04 regroups the case without them.
         */
        public Set<String> getLongVentilationProcedures() { return longVentilationProcedures; }
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
        /** The earlier stays are paid at {@code earlierStayFactor} of their payment (0.5: halved). */
        public static final String EARLIER_STAY_FACTOR = "EARLIER_STAY_FACTOR";
        /** The later stays are not paid: one payment for the episode. */
        public static final String LATER_STAY = "LATER_STAY";
        /** The stays are merged into one episode and paid by the group the merged coding gives. */
        public static final String MERGED_EPISODE = "MERGED_EPISODE";
        static final List<String> METHODS = List.of(EARLIER_STAY_FACTOR, LATER_STAY, MERGED_EPISODE);

        private Integer readmissionWindowDays;
        private Integer immediateReadmissionHours;
        private Integer chainMinStays;
        private java.util.SortedSet<String> excludedAdrgs;
        private String overpaymentMethod;
        private BigDecimal earlierStayFactor;
        private List<ReferralExemption> allianceReferralExemptions;

        public Integer getReadmissionWindowDays() { return readmissionWindowDays; }
        public Integer getImmediateReadmissionHours() { return immediateReadmissionHours; }
        public Integer getChainMinStays() { return chainMinStays; }
        public Set<String> getExcludedAdrgs() { return excludedAdrgs; }
        /** How a confirmed split admission's overpayment is reckoned (the region's method). */
        public String getOverpaymentMethod() { return overpaymentMethod; }
        public BigDecimal getEarlierStayFactor() { return earlierStayFactor; }
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

    /**
     * Special cases (特例单议): what makes a case a candidate, how a hospital declares (period, window, quota), how
     * experts review (how many, by which rule, within which deadlines) and how an approved case is paid per category.
     */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class SpecialCase {
        /** Very-low-cost and very-short stays are too-little-service suspicions (TL-01, TL-02). */
        public static final String TOO_LITTLE_SERVICE = "TOO_LITTLE_SERVICE";
        /** Very-low-cost and very-short stays are special-case candidates (Shanghai, seed 000). */
        public static final String SPECIAL_CASE = "SPECIAL_CASE";
        public static final String MONTHLY = "MONTHLY";
        public static final String QUARTERLY = "QUARTERLY";
        /** Approved when more than half of the assigned experts approve. */
        public static final String MAJORITY = "MAJORITY";
        /** Approved only when every assigned expert approves. */
        public static final String UNANIMOUS = "UNANIMOUS";
        /** The group payment plus the group payment × (cost ratio − highCostRatio) × ratio. */
        public static final String GROUP_PLUS_EXCESS = "GROUP_PLUS_EXCESS";
        /** The full group payment, without the low-cost scaling. */
        public static final String FULL_GROUP = "FULL_GROUP";
        /** By the items billed: total cost × ratio (when that is more than the group payment). */
        public static final String ITEMS_AT_RATIO = "ITEMS_AT_RATIO";
        /** The declaration categories (codes of {@code payment}), in the order the policy lists them. */
        public static final List<String> CATEGORIES = List.of("HIGH_COST", "LOW_COST", "SHORT_STAY", "LONG_STAY", "UNGROUPED",
                "NEW_TECHNOLOGY", "OTHER");
        private static final List<String> METHODS = List.of(GROUP_PLUS_EXCESS, FULL_GROUP, ITEMS_AT_RATIO);

        private BigDecimal highCostRatio;
        private String lowOutliers;
        private Integer longStayDays;
        private String declarationPeriod;
        private Integer declarationDays;
        private BigDecimal quotaShare;
        private Integer expertsPerCase;
        private String decisionRule;
        private Integer reviewDays;
        private Integer decisionDays;
        private java.util.LinkedHashMap<String, CategoryPayment> payment;

        public BigDecimal getHighCostRatio() { return highCostRatio; }
        /** TOO_LITTLE_SERVICE or SPECIAL_CASE: what very-low-cost and very-short stays are. */
        public String getLowOutliers() { return lowOutliers; }
        /** Whether very-low-cost and very-short stays are special-case candidates (read by SC-01). */
        public boolean isLowOutliersSpecialCases() { return SPECIAL_CASE.equals(lowOutliers); }
        /** A stay of at least this many days may be declared as 超长住院. */
        public Integer getLongStayDays() { return longStayDays; }
        /** MONTHLY or QUARTERLY: the period a declaration belongs to (by the case's settlement month). */
        public String getDeclarationPeriod() { return declarationPeriod; }
        /** Days after the end of a period during which its cases may still be declared. */
        public Integer getDeclarationDays() { return declarationDays; }
        /** Declarations per hospital and period: at most this share of its discharges, rounded down. */
        public BigDecimal getQuotaShare() { return quotaShare; }
        public Integer getExpertsPerCase() { return expertsPerCase; }
        public String getDecisionRule() { return decisionRule; }
        /** Days an expert has for an opinion once assigned. */
        public Integer getReviewDays() { return reviewDays; }
        /** Days the bureau has to decide once the opinions are in (or the review deadline has passed). */
        public Integer getDecisionDays() { return decisionDays; }
        /** How an approved case of each category is paid. */
        public Map<String, CategoryPayment> getPayment() { return payment; }

        void missing(List<String> missing) {
            require(missing, "specialCase.highCostRatio", highCostRatio);
            require(missing, "specialCase.lowOutliers", lowOutliers);
            require(missing, "specialCase.longStayDays", longStayDays);
            require(missing, "specialCase.declarationPeriod", declarationPeriod);
            require(missing, "specialCase.declarationDays", declarationDays);
            require(missing, "specialCase.quotaShare", quotaShare);
            require(missing, "specialCase.expertsPerCase", expertsPerCase);
            require(missing, "specialCase.decisionRule", decisionRule);
            require(missing, "specialCase.reviewDays", reviewDays);
            require(missing, "specialCase.decisionDays", decisionDays);
            require(missing, "specialCase.payment", payment);
            if (payment != null) {
                for (String category : CATEGORIES) {
                    CategoryPayment p = payment.get(category);
                    require(missing, "specialCase.payment." + category + ".method", p == null ? null : p.method);
                    if (p != null && (GROUP_PLUS_EXCESS.equals(p.method) || ITEMS_AT_RATIO.equals(p.method))) {
                        require(missing, "specialCase.payment." + category + ".ratio", p.ratio);
                    }
                }
            }
        }

        void invalid(List<String> invalid) {
            Clearing.positive(invalid, "specialCase.highCostRatio", highCostRatio);
            oneOf(invalid, "specialCase.lowOutliers", lowOutliers, List.of(TOO_LITTLE_SERVICE, SPECIAL_CASE));
            oneOf(invalid, "specialCase.declarationPeriod", declarationPeriod, List.of(MONTHLY, QUARTERLY));
            oneOf(invalid, "specialCase.decisionRule", decisionRule, List.of(MAJORITY, UNANIMOUS));
            atLeast(invalid, "specialCase.longStayDays", longStayDays, 1);
            atLeast(invalid, "specialCase.declarationDays", declarationDays, 0);
            atLeast(invalid, "specialCase.expertsPerCase", expertsPerCase, 1);
            atLeast(invalid, "specialCase.reviewDays", reviewDays, 1);
            atLeast(invalid, "specialCase.decisionDays", decisionDays, 1);
            if (quotaShare != null && (quotaShare.signum() <= 0 || quotaShare.compareTo(BigDecimal.ONE) > 0)) {
                invalid.add("specialCase.quotaShare: must be greater than 0 and at most 1 (DRG 0.05, DIP 0.005), got "
                        + quotaShare.toPlainString());
            }
            if (payment == null) {
                return;
            }
            payment.keySet().stream().filter(k -> !CATEGORIES.contains(k)).forEach(k -> invalid.add("specialCase.payment." + k
                    + ": '" + k + "' is not a category; the categories are " + CATEGORIES));
            payment.forEach((category, p) -> {
                String path = "specialCase.payment." + category;
                if (p == null || p.method == null || !CATEGORIES.contains(category)) {
                    return;
                }
                if (!METHODS.contains(p.method)) {
                    invalid.add(path + ".method: must be one of " + METHODS + ", not '" + p.method + "'");
                    return;
                }
                if ("UNGROUPED".equals(category) && !ITEMS_AT_RATIO.equals(p.method)) {
                    invalid.add(path + ".method: an ungrouped case has no group to pay by; use ITEMS_AT_RATIO");
                }
                if (FULL_GROUP.equals(p.method) && p.ratio != null) {
                    invalid.add(path + ".ratio: FULL_GROUP pays the full group payment and takes no ratio; remove it");
                }
                if (p.ratio != null && (p.ratio.signum() <= 0 || p.ratio.compareTo(BigDecimal.ONE) > 0)) {
                    invalid.add(path + ".ratio: must be greater than 0 and at most 1, got " + p.ratio.toPlainString());
                }
            });
        }

        private static void oneOf(List<String> invalid, String path, String value, List<String> allowed) {
            if (value != null && !allowed.contains(value)) {
                invalid.add(path + ": must be one of " + allowed + ", not '" + value + "'");
            }
        }

        private static void atLeast(List<String> invalid, String path, Integer value, int min) {
            if (value != null && value < min) {
                invalid.add(path + ": must be at least " + min + ", got " + value);
            }
        }
    }

    /** How an approved special case of one category is paid: the method and, where it takes one, the ratio. */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class CategoryPayment {
        private String method;
        private BigDecimal ratio;

        public String getMethod() { return method; }
        public BigDecimal getRatio() { return ratio; }
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
        /** The limits an uploaded attachment is received under. */
        public org.drgaudit.shared.Attachments.Limits attachmentLimits() {
            return new org.drgaudit.shared.Attachments.Limits(attachmentTypes, attachmentMaxMb);
        }
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
     * Penalties (违约金): chosen by the reviewer at 违规处理 from the circumstances (情节), never by a rule and never
     * by confirming a finding. The region lists its severities; each family maps them to a multiple of the base:
     * the confirmed overpayment, or the claimed group's base points valued at the year's rates.
     */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class Penalties {
        /** The penalty is a multiple of the confirmed overpayment. */
        public static final String OVERPAYMENT = "OVERPAYMENT";
        /** The penalty is a multiple of the claimed group's base points (weight × points per weight, no coefficient). */
        public static final String BASE_POINTS = "BASE_POINTS";

        private String base;
        private java.util.LinkedHashMap<String, String> severities;
        private Map<String, Map<String, BigDecimal>> multiples;

        public String getBase() { return base; }
        /** Severity code → its Chinese name (一般, 较重, 严重 …), in the region's order. */
        public Map<String, String> getSeverities() { return severities; }
        public Map<String, Map<String, BigDecimal>> getMultiples() { return multiples; }

        /** The multiple of a family at a severity; null when the family has no penalty table. */
        public BigDecimal multiple(String family, String severity) {
            Map<String, BigDecimal> m = family == null ? null : multiples.get(family);
            return m == null ? null : m.get(severity);
        }

        void missing(List<String> missing) {
            require(missing, "penalties.base", base);
            require(missing, "penalties.severities", severities);
            require(missing, "penalties.multiples", multiples);
        }

        void invalid(List<String> invalid) {
            if (base != null && !base.equals(OVERPAYMENT) && !base.equals(BASE_POINTS)) {
                invalid.add("penalties.base: must be OVERPAYMENT or BASE_POINTS, not '" + base + "'");
            }
            if (severities != null && severities.isEmpty()) {
                invalid.add("penalties.severities: needs at least one severity (e.g. MINOR: 一般)");
            }
            if (multiples == null || severities == null) {
                return;
            }
            multiples.forEach((family, bySeverity) -> {
                if ("special-case".equals(family)) {
                    invalid.add("penalties.multiples.special-case: special cases (特例单议) are never violations and carry no penalty; remove it");
                    return;
                }
                if (bySeverity == null) {
                    invalid.add("penalties.multiples." + family + ": needs a multiple for each severity " + severities.keySet());
                    return;
                }
                for (String s : severities.keySet()) {
                    BigDecimal m = bySeverity.get(s);
                    if (m == null || m.signum() < 0) {
                        invalid.add("penalties.multiples." + family + "." + s + ": must be a number ≥ 0");
                    }
                }
                bySeverity.keySet().stream().filter(s -> !severities.containsKey(s)).forEach(s -> invalid.add(
                        "penalties.multiples." + family + "." + s + ": '" + s + "' is not one of the severities " + severities.keySet()));
            });
        }
    }

    /**
     * Year-end clearing (年终清算): the regional budget and its reserve, surplus retention and overspend sharing, the
     * quality deposit, the assessment grades and what they cost, and the one-vote veto (一票否决). How a case is
     * valued is the {@link Payment} section's, shared with the rules' pricing of findings.
     */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class Clearing {
        /** Grades cost a share of the withheld quality deposit. */
        public static final String DEPOSIT = "DEPOSIT";
        /** Grades cost a share of the agreed annual total (约定总额) and lower next year's total (seed 001). */
        public static final String ANNUAL_TOTAL = "ANNUAL_TOTAL";

        private BigDecimal annualBudget;
        private BigDecimal reserveShare;
        private BigDecimal pointValueCeiling;
        private BigDecimal overspendFundShare;
        private BigDecimal depositShare;
        private String gradeConsequence;
        private List<Grade> grades;
        private BigDecimal vetoShare;
        private String vetoGrade;

        public BigDecimal getAnnualBudget() { return annualBudget; }
        public BigDecimal getReserveShare() { return reserveShare; }
        /** Point method: the point value never exceeds this (CNY per point); null: no ceiling. */
        public BigDecimal getPointValueCeiling() { return pointValueCeiling; }
        /** Rate method: the share of an overspend of the distributable budget the fund bears; null: paid in full. */
        public BigDecimal getOverspendFundShare() { return overspendFundShare; }
        public BigDecimal getDepositShare() { return depositShare; }
        public String getGradeConsequence() { return gradeConsequence; }
        public List<Grade> getGrades() { return grades; }
        public BigDecimal getVetoShare() { return vetoShare; }
        public String getVetoGrade() { return vetoGrade; }

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
            require(missing, "clearing.depositShare", depositShare);
            require(missing, "clearing.gradeConsequence", gradeConsequence);
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
            positive(invalid, "clearing.pointValueCeiling", pointValueCeiling);
            share(invalid, "clearing.reserveShare", reserveShare, false);
            share(invalid, "clearing.overspendFundShare", overspendFundShare, true);
            share(invalid, "clearing.depositShare", depositShare, true);
            share(invalid, "clearing.vetoShare", vetoShare, false);
            if (gradeConsequence != null && !gradeConsequence.equals(DEPOSIT) && !gradeConsequence.equals(ANNUAL_TOTAL)) {
                invalid.add("clearing.gradeConsequence: must be DEPOSIT or ANNUAL_TOTAL, not '" + gradeConsequence + "'");
            }
            if (grades != null && grades.stream().allMatch(g -> g != null && g.name != null && g.minScore != null && g.deductionShare != null)) {
                if (grades.isEmpty()) {
                    invalid.add("clearing.grades: needs at least one grade");
                } else if (grades.stream().noneMatch(g -> g.minScore.signum() == 0)) {
                    invalid.add("clearing.grades: the lowest band must start at minScore 0 so that every score has a grade");
                }
                for (int i = 0; i < grades.size(); i++) {
                    share(invalid, "clearing.grades[" + i + "].deductionShare", grades.get(i).deductionShare, true);
                    share(invalid, "clearing.grades[" + i + "].nextYearReductionShare", grades.get(i).nextYearReductionShare, true);
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

        static void positive(List<String> invalid, String path, BigDecimal v) {
            if (v != null && v.signum() <= 0) {
                invalid.add(path + ": must be greater than 0, got " + v.toPlainString());
            }
        }

        static void share(List<String> invalid, String path, BigDecimal v, boolean oneAllowed) {
            if (v != null && (v.signum() < 0 || v.compareTo(BigDecimal.ONE) > 0 || !oneAllowed && v.compareTo(BigDecimal.ONE) == 0)) {
                invalid.add(path + ": must be between 0 and 1" + (oneAllowed ? "" : " (exclusive of 1)") + ", got " + v.toPlainString());
            }
        }
    }

    /**
     * An assessment grade (考核等次): the lowest score that reaches it, the share of the deposit or agreed annual total it
     * costs, and by how much it lowers next year's agreed total (annual-total consequence only).
     */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE, isGetterVisibility = Visibility.NONE)
    public static final class Grade {
        private String name;
        private BigDecimal minScore;
        private BigDecimal deductionShare;
        private BigDecimal nextYearReductionShare;

        public String getName() { return name; }
        public BigDecimal getMinScore() { return minScore; }
        public BigDecimal getDeductionShare() { return deductionShare; }
        public BigDecimal getNextYearReductionShare() {
            return nextYearReductionShare == null ? BigDecimal.ZERO : nextYearReductionShare;
        }
    }
}
