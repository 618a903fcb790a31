package org.drgaudit.rules.facts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drgaudit.cases.CostCategory;
import org.drgaudit.cases.OutpatientVisit;
import org.drgaudit.cases.SettledCase;
import org.drgaudit.knowledge.AdrgEntry;
import org.drgaudit.knowledge.DiagnosisEntry;
import org.drgaudit.knowledge.GroupEntry;
import org.drgaudit.knowledge.GrouperTables;
import org.drgaudit.knowledge.KnowledgeSet;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.knowledge.ProcedureEntry;
import org.drgaudit.knowledge.GroupingService;
import org.drgaudit.knowledge.grouper.Grouper;
import org.drgaudit.knowledge.grouper.GroupingCase;
import org.drgaudit.knowledge.grouper.GroupingResult;

/**
 * Builds the rules' facts for one patient: looks up everything a rule needs in the knowledge base
 * once, so that rules compare values instead of searching tables. Each case is judged with the knowledge set in
 * force on its discharge date (parameters, grouper tables, catalogue) and with no other: a case no set covers, or
 * claimed under another grouper version than the set's, becomes an {@link UnjudgedCase} instead. One factory serves
 * one sweep (one knowledge-base version, one settlement month) and caches its table indexes.
 */
public final class AuditCaseFactory {

    /** The settlement list's planned-readmission flag (出院31天内再住院计划) covers admissions within this many days. */
    static final int PLANNED_READMISSION_DAYS = 31;

    private final KnowledgeSnapshot knowledge;
    private final Map<String, HospitalInfo> hospitals;
    private final YearMonth month;
    private final Map<GrouperTables, Map<String, Set<String>>> procedureMdcs = new IdentityHashMap<>();
    private final Map<GrouperTables, Map<String, Set<String>>> principalMdcs = new IdentityHashMap<>();
    private final Map<PolicyParameters, org.drgaudit.knowledge.PaymentTerms> terms = new IdentityHashMap<>();

    public AuditCaseFactory(KnowledgeSnapshot knowledge, Map<String, HospitalInfo> hospitals, YearMonth month) {
        this.knowledge = knowledge;
        this.hospitals = hospitals;
        this.month = month;
    }

    /**
     * One patient's facts: the cases judged (the month's and the earlier ones in the look-back, linked), and the
     * month's cases no set can judge as claimed. A case of an unregistered hospital is in neither.
     */
    public record PatientFacts(List<AuditCase> judged, List<UnjudgedCase> unjudged) {

        /** What a rule session is given: the judged cases, and the unjudged ones a set is in force for (the data-quality
         * rules say what differs; a case no set covers has no parameters a finding on it could be decided by). */
        public List<Object> forRules() {
            List<Object> out = new ArrayList<>(judged);
            unjudged.stream().filter(u -> u.getKnowledgeSet() != null).forEach(out::add);
            return out;
        }
    }

    /** Facts for one patient's stays (any order) and outpatient visits; the month's stays are in scope. */
    public List<AuditCase> build(List<SettledCase> stays, List<OutpatientVisit> visits) {
        return facts(stays, visits).judged();
    }

    /** The judged and the unjudged facts of one patient's stays (any order) and outpatient visits. */
    public PatientFacts facts(List<SettledCase> stays, List<OutpatientVisit> visits) {
        List<SettledCase> ordered = new ArrayList<>(stays);
        ordered.sort((a, b) -> a.admissionTime().compareTo(b.admissionTime()));
        List<AuditCase> facts = new ArrayList<>(ordered.size());
        List<UnjudgedCase> unjudged = new ArrayList<>(0);
        for (SettledCase c : ordered) {
            HospitalInfo hospital = hospitals.get(c.hospitalCode());
            if (hospital == null) {
                continue;
            }
            KnowledgeSet set = knowledge.setFor(hospital.region(), c.dischargeTime().toLocalDate());
            String claimedVersion = c.grouping() == null ? null : c.grouping().version();
            if (set == null || claimedVersion != null && !claimedVersion.equals(set.grouperVersion())) {
                // judged by no neighbouring year's set and no other version's tables: reported, with what is missing
                if (YearMonth.from(c.settlementDate()).equals(month)) {
                    unjudged.add(unjudged(c, hospital, set, claimedVersion));
                }
                continue;
            }
            AuditCase f = single(c, visits, hospital, set);
            link(f, facts);
            facts.add(f);
        }
        return new PatientFacts(facts, unjudged);
    }

    private UnjudgedCase unjudged(SettledCase c, HospitalInfo hospital, KnowledgeSet set, String claimedVersion) {
        return new UnjudgedCase(set == null ? UnjudgedCase.NO_KNOWLEDGE_SET : UnjudgedCase.GROUPER_VERSION_MISMATCH,
                c.caseId(), c.patientId(), hospital.code(), hospital.name(), hospital.region(), c.admissionTime(),
                c.dischargeTime(), c.settlementDate(), c.groupCode(), c.grouping() == null ? null : c.grouping().name(),
                claimedVersion, set == null ? null : set.grouperVersion(), set == null ? null : set.label(),
                set == null ? null : set.name(), set == null ? null : set.period(), knowledge.coverage(hospital.region()));
    }

    private AuditCase single(SettledCase c, List<OutpatientVisit> visits, HospitalInfo hospital, KnowledgeSet set) {
        PolicyParameters policy = set.parameters();
        AuditCase f = new AuditCase();
        f.policy = policy;
        f.knowledgeSet = set.label();
        f.groupingVersionInForce = set.grouperVersion();
        f.caseId = c.caseId();
        f.patientId = c.patientId();
        f.hospitalCode = hospital.code();
        f.hospitalName = hospital.name();
        f.allianceCode = hospital.allianceCode();
        f.hospitalLevel = hospital.level();
        f.coefficient = hospital.coefficient();
        f.inScope = YearMonth.from(c.settlementDate()).equals(month);
        f.sex = c.sex() == null ? null : c.sex().name();
        f.ageYears = c.ageYears() == null ? -1 : c.ageYears();
        f.ageInDays = ageInDays(c);
        f.admissionTime = c.admissionTime();
        f.dischargeTime = c.dischargeTime();
        f.losDays = c.losDays() != null ? c.losDays()
                : (int) ChronoUnit.DAYS.between(c.admissionTime().toLocalDate(), c.dischargeTime().toLocalDate());
        f.dischargeMethod = c.dischargeMethod() == null ? "OTHER" : c.dischargeMethod().name();
        f.plannedReadmission = Boolean.TRUE.equals(c.plannedReadmission());
        f.principalCode = c.principalDiagnosis() == null ? null : c.principalDiagnosis().code();
        f.principalName = diagnosisName(c.principalDiagnosis());
        f.secondaryCodes = c.secondaryDiagnosesOrEmpty().stream().map(SettledCase.Diagnosis::code).toList();
        f.procedureCodes = c.proceduresOrEmpty().stream().map(SettledCase.Procedure::code).toList();
        contract(f, c);
        GrouperTables tables = set.grouper();
        group(f, c, set, tables);
        costs(f, c);
        icu(f, c);
        codeRestrictions(f, c, tables);
        complications(f, tables);
        regroup(f, c, set, tables);
        outpatient(f, visits, policy);
        return f;
    }

    /** The data contract's fields as sent, for rules that read them directly. */
    private static void contract(AuditCase f, SettledCase c) {
        f.admissionRoute = c.admissionRoute() == null ? null : c.admissionRoute().name();
        f.department = c.department();
        f.attendingDoctor = c.attendingDoctor();
        f.birthWeightGrams = c.birthWeightGrams();
        f.principalDiagnosis = c.principalDiagnosis() == null ? null : new CodedDiagnosis(c.principalDiagnosis().code(),
                c.principalDiagnosis().name(), c.principalDiagnosis().admissionCondition());
        f.secondaryDiagnoses = c.secondaryDiagnosesOrEmpty().stream()
                .map(d -> new CodedDiagnosis(d.code(), d.name(), d.admissionCondition())).toList();
        f.procedures = c.proceduresOrEmpty().stream().map(p -> new CodedProcedure(p.code(), p.name(), p.date(),
                Boolean.TRUE.equals(p.principal()), Boolean.TRUE.equals(p.anaesthesia()), p.operatorCode())).toList();
        f.costs = c.costs() == null ? Map.of() : Collections.unmodifiableMap(c.costs());
        f.fundPayment = c.fundPayment();
        f.selfPay = c.selfPay();
        f.settlementDate = c.settlementDate();
        f.groupingVersion = c.grouping() == null ? null : c.grouping().version();
    }

    private void group(AuditCase f, SettledCase c, KnowledgeSet set, GrouperTables tables) {
        PolicyParameters policy = set.parameters();
        Map<String, GroupEntry> catalogue = set.catalogue();
        String code = c.groupCode() == null ? "0000" : c.groupCode();
        GroupEntry g = catalogue.get(code);
        f.groupCode = code;
        f.groupKnown = g != null;
        f.groupName = g != null ? g.name() : c.grouping() == null ? null : c.grouping().name();
        f.adrg = code.length() >= 3 ? code.substring(0, 3) : code;
        f.mdc = code.substring(0, 1);
        // the DRG's split condition in the set's tables (1 MCC, 3 CC, 5 none, 9 not split), not the code's 4th character,
        // which later versions use for other splits; tables without decision tables have only the character
        f.severity = tables != null ? tables.severity(code)
                : code.length() >= 4 && Character.isDigit(code.charAt(3)) ? code.charAt(3) - '0' : 9;
        f.surgical = code.length() >= 2 && code.charAt(1) >= 'A' && code.charAt(1) <= 'J';
        f.weight = g != null ? g.weight() : c.grouping() != null && c.grouping().weight() != null ? c.grouping().weight() : BigDecimal.ZERO;
        f.standardCost = g != null ? g.standardCost() : null;
        f.avgLos = g != null ? g.avgLos() : null;
        String insurance = c.insuranceType() == null ? "EMPLOYEE" : c.insuranceType().name();
        f.insuranceType = insurance;
        f.baseRate = policy.getPayment().getBaseRates().getOrDefault(insurance, BigDecimal.ZERO);
        f.terms = terms.computeIfAbsent(policy, PolicyParameters::paymentTerms);
        f.catalogue = catalogue;
        f.claimed = g;
        f.patientShare = org.drgaudit.knowledge.PaymentTerms.patientShare(c);
        f.totalCost = c.totalCost();
        f.paid = g == null ? null : f.terms.value(g, insurance, f.coefficient, c.totalCost(), f.patientShare);
    }

    private static void costs(AuditCase f, SettledCase c) {
        BigDecimal total = c.totalCost();
        f.totalCost = total;
        f.outOfPocket = c.outOfPocket() == null ? BigDecimal.ZERO : c.outOfPocket();
        f.selfPayShare = share(f.outOfPocket, total);
        f.costRatio = f.standardCost == null || f.standardCost.signum() == 0 ? null
                : total.divide(f.standardCost, 4, RoundingMode.HALF_UP);
        f.losRatio = f.avgLos == null || f.avgLos.signum() == 0 ? null
                : BigDecimal.valueOf(f.losDays).divide(f.avgLos, 4, RoundingMode.HALF_UP);
        f.diagnosticShare = share(c.cost(CostCategory.EXAMINATION).add(c.cost(CostCategory.LAB)), total);
        f.treatmentShare = share(c.cost(CostCategory.TREATMENT), total);
        f.treatmentDrugShare = share(c.cost(CostCategory.TREATMENT).add(c.cost(CostCategory.SURGERY))
                .add(c.cost(CostCategory.WESTERN_DRUG)).add(c.cost(CostCategory.PATENT_DRUG))
                .add(c.cost(CostCategory.HERBAL_DRUG)), total);
        f.surgeryFee = c.cost(CostCategory.SURGERY);
        f.ventilatorHours = c.ventilatorHours() == null ? BigDecimal.ZERO : c.ventilatorHours();
        f.icuHours = c.icuHours() == null ? BigDecimal.ZERO : c.icuHours();
        f.hasAnaesthesia = c.proceduresOrEmpty().stream().anyMatch(p -> Boolean.TRUE.equals(p.anaesthesia()));
    }

    /**
     * The ICU records against the claimed ICU hours: each record's hours, the part of it inside the stay, and the
     * claimed hours no record inside the stay supports. Overlapping records are counted once, so a record sent twice
     * supports its hours only once.
     */
    private static void icu(AuditCase f, SettledCase c) {
        List<SettledCase.IcuStay> stays = c.icuStaysOrEmpty();
        if (stays.isEmpty()) {
            f.unsupportedIcuHours = f.icuHours;
            return;
        }
        List<IcuRecord> records = new ArrayList<>(stays.size());
        List<LocalDateTime[]> inside = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (SettledCase.IcuStay s : stays) {
            LocalDateTime from = s.inTime().isAfter(f.admissionTime) ? s.inTime() : f.admissionTime;
            LocalDateTime to = s.outTime().isBefore(f.dischargeTime) ? s.outTime() : f.dischargeTime;
            BigDecimal hours = hoursBetween(s.inTime(), s.outTime());
            BigDecimal inStay = to.isAfter(from) ? hoursBetween(from, to) : BigDecimal.ZERO.setScale(2);
            if (to.isAfter(from)) {
                inside.add(new LocalDateTime[] {from, to});
            }
            records.add(new IcuRecord(s.wardType().name(), s.inTime(), s.outTime(), hours, inStay));
            total = total.add(hours);
        }
        inside.sort((a, b) -> a[0].compareTo(b[0]));
        long minutes = 0;
        LocalDateTime covered = null;
        for (LocalDateTime[] span : inside) {
            LocalDateTime start = covered != null && covered.isAfter(span[0]) ? covered : span[0];
            if (span[1].isAfter(start)) {
                minutes += Duration.between(start, span[1]).toMinutes();
                covered = span[1];
            }
        }
        f.icuRecords = List.copyOf(records);
        f.icuRecordHours = total;
        f.icuHoursInStay = BigDecimal.valueOf(minutes).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
        f.unsupportedIcuHours = f.icuHours.subtract(f.icuHoursInStay).max(BigDecimal.ZERO);
    }

    private static BigDecimal hoursBetween(LocalDateTime from, LocalDateTime to) {
        return BigDecimal.valueOf(Duration.between(from, to).toMinutes()).divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
    }

    private void codeRestrictions(AuditCase f, SettledCase c, GrouperTables grouper) {
        List<String> sex = new ArrayList<>();
        List<String> age = new ArrayList<>();
        Set<String> sexDiagnoses = new HashSet<>();
        Set<String> sexProcedures = new HashSet<>();
        Set<String> ageDiagnoses = new HashSet<>();
        Set<String> outsideCodes = new HashSet<>();
        Set<String> orCodes = new HashSet<>();
        List<SettledCase.Diagnosis> all = new ArrayList<>();
        if (c.principalDiagnosis() != null) {
            all.add(c.principalDiagnosis());
        }
        all.addAll(c.secondaryDiagnosesOrEmpty());
        for (SettledCase.Diagnosis d : all) {
            DiagnosisEntry e = knowledge.diagnosis(d.code());
            if (e == null) {
                continue;
            }
            if (e.sex() != null && f.sex != null && !e.sex().equals(f.sex)) {
                sex.add(d.code() + " " + e.name() + "（限" + sexLabel(e.sex()) + "）");
                sexDiagnoses.add(d.code());
            }
            if (outsideAgeWindow(e, f)) {
                age.add(d.code() + " " + e.name() + "（" + ageWindow(e) + "）");
                ageDiagnoses.add(d.code());
            }
        }
        List<String> outside = new ArrayList<>();
        List<String> orOutsideMdc = new ArrayList<>();
        Set<String> principalMdcs = grouper == null || f.principalCode == null ? Set.of()
                : principalMdcs(grouper).getOrDefault(f.principalCode, Set.of());
        LocalDate admitted = c.admissionTime().toLocalDate();
        LocalDate discharged = c.dischargeTime().toLocalDate();
        for (SettledCase.Procedure p : c.proceduresOrEmpty()) {
            ProcedureEntry e = knowledge.procedure(p.code());
            if (e != null && e.sex() != null && f.sex != null && !e.sex().equals(f.sex)) {
                sex.add(label(p, e) + "（限" + sexLabel(e.sex()) + "）");
                sexProcedures.add(p.code());
            }
            if (e != null && e.operatingRoom()) {
                f.hasOrProcedure = true;
                orCodes.add(p.code());
                Set<String> mdcs = grouper == null ? Set.of() : procedureMdcs(grouper).getOrDefault(p.code(), Set.of());
                if (!mdcs.isEmpty() && !principalMdcs.isEmpty() && Collections.disjoint(mdcs, principalMdcs)) {
                    orOutsideMdc.add(label(p, e));
                }
            }
            if (p.date() != null && (p.date().isBefore(admitted) || p.date().isAfter(discharged))) {
                outside.add(label(p, e) + "（" + Wording.date(p.date()) + "）");
                outsideCodes.add(p.code());
            }
        }
        f.sexConflictDiagnoses = sexDiagnoses;
        f.sexConflictProcedures = sexProcedures;
        f.ageConflictDiagnoses = ageDiagnoses;
        f.outsideStayProcedures = outsideCodes;
        f.orProcedureCodes = orCodes;
        f.sexConflicts = sex;
        f.ageConflicts = age;
        f.proceduresOutsideStay = outside;
        f.orProceduresOutsideMdc = orOutsideMdc;
        DiagnosisEntry principal = f.principalCode == null ? null : knowledge.diagnosis(f.principalCode);
        f.principalNotAllowed = principal != null && principal.notPrincipal();
    }

    private void complications(AuditCase f, GrouperTables grouper) {
        List<String> counted = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        List<String> countedCodes = new ArrayList<>();
        int supported = 5;
        if (grouper != null && f.principalCode != null) {
            for (GroupingResult.Complication x : grouper.complications(f.principalCode, f.secondaryCodes)) {
                String label = x.code() + " " + diagnosisName(x.code()) + "（" + x.level() + "）";
                if (x.counted()) {
                    counted.add(label);
                    countedCodes.add(x.code());
                    supported = Math.min(supported, x.level().equals("MCC") ? 1 : 3);
                } else {
                    excluded.add(label);
                }
            }
        }
        f.complicationsKnown = grouper != null && f.principalCode != null;
        f.countedComplications = counted;
        f.excludedComplications = excluded;
        f.supportedSeverity = supported;
        Map<String, GroupEntry> catalogue = f.catalogue;
        f.supportedGroup = sibling(grouper, catalogue, f.adrg, supported);
        f.singleComplication = counted.size() == 1 ? counted.get(0) : null;
        f.singleComplicationCode = counted.size() == 1 ? countedCodes.get(0) : null;
        f.groupWithoutSingle = sibling(grouper, catalogue, f.adrg, 5);
    }

    /**
     * Regroups the case with the knowledge base's grouper of the version it was paid under (else the
     * region's version) and prices the counterfactuals the high-coding rules need: the case as coded
     * (HC-01, HC-03) and without its single MCC/CC (HC-02); for HC-04 it notes the procedures that entered the
     * claimed long-ventilation ADRG (the regrouping without them is done when a rule asks). Without decision
     * tables the sibling look-up stays.
     */
    private void regroup(AuditCase f, SettledCase c, KnowledgeSet set, GrouperTables tables) {
        if (tables == null || !tables.canGroup()) {
            return;
        }
        PolicyParameters policy = set.parameters();
        Map<String, GroupEntry> catalogue = set.catalogue();
        Grouper grouper = tables.grouper();
        GroupingCase asCoded = GroupingService.groupingCase(c);
        GroupingResult result = grouper.group(asCoded, false);
        f.grouper = grouper;
        f.groupingCase = asCoded;
        f.regroupKnown = true;
        f.regroupedCode = result.drg();
        f.regroupedAdrg = result.adrg();
        f.regroupStatus = result.status().name();
        f.regroupCause = result.cause() == null ? null : result.cause().name();
        f.regroupCauseDataQuality = result.cause() != null && result.cause().dataQuality();
        f.regroupReason = result.reason();
        f.regroupedGroup = result.grouped() ? catalogue.get(result.drg()) : null;
        boolean sameAdrg = result.grouped() && f.adrg.equals(result.adrg());
        for (GroupingResult.Complication x : result.complications()) {
            if (!x.counted()) {
                if (f.unsupportedComplicationCodes.isEmpty()) {
                    f.unsupportedComplicationCodes = new ArrayList<>(2);
                }
                f.unsupportedComplicationCodes.add(x.code());
            }
        }
        // another, lighter ADRG than claimed (HC-03 reads it; which rule reports such a case is decided in the DRL)
        f.regroupedToLighterAdrg = f.groupKnown && f.regroupedGroup != null && !sameAdrg
                && f.weight.compareTo(f.regroupedGroup.weight()) > 0;
        // HC-01: the sibling the coding supports is what the grouper gives inside the claimed ADRG; elsewhere the
        // catalogue sibling stays
        if (sameAdrg) {
            f.supportedGroup = f.regroupedGroup;
        }
        if (f.singleComplicationCode != null && (f.severity == 1 || f.severity == 3)) {
            GroupingResult without = grouper.group(asCoded.withoutDiagnoses(Set.of(f.singleComplicationCode)), false);
            f.groupWithoutSingle = without.grouped() ? catalogue.get(without.drg()) : null;
        }
        PolicyParameters.HighCoding hc = policy.getHighCoding();
        if (hc.getLongVentilationAdrgs().contains(f.adrg)) {
            // the contested claim is the long ventilation: take out the codes that record it (the year's
            // highCoding.longVentilationProcedures, 96.7201), not the tracheotomies or intubation that go with it, and regroup
            Set<String> ventilation = hc.getLongVentilationProcedures();
            f.ventilationRemovedCodes = f.procedureCodes.stream().filter(ventilation::contains).distinct().toList();
        }
    }

    /**
     * The group of an ADRG for the severity the coded complications support: the DRG the set's tables give by the
     * ADRG's split conditions ({@link GrouperTables#drgFor}); tables without decision tables fall back on the
     * catalogue's code order (an ADRG not split at that level falls to the next lighter one).
     */
    private static GroupEntry sibling(GrouperTables tables, Map<String, GroupEntry> catalogue, String adrg, int severity) {
        String drg = tables == null ? null : tables.drgFor(adrg, severity);
        if (drg != null) {
            return catalogue.get(drg);
        }
        if (tables != null && tables.canGroup()) {
            return null;
        }
        for (int s : new int[] {1, 3, 5}) {
            if (s >= severity && catalogue.containsKey(adrg + s)) {
                return catalogue.get(adrg + s);
            }
        }
        return null;
    }

    private static void outpatient(AuditCase f, List<OutpatientVisit> visits, PolicyParameters policy) {
        int window = policy.getTooLittleService().getCostShiftWindowDays();
        LocalDate admitted = f.admissionTime.toLocalDate();
        LocalDate discharged = f.dischargeTime.toLocalDate();
        BigDecimal before = BigDecimal.ZERO;
        BigDecimal after = BigDecimal.ZERO;
        BigDecimal fund = BigDecimal.ZERO;
        List<String> ids = new ArrayList<>();
        List<OutpatientVisitFact> around = new ArrayList<>();
        for (OutpatientVisit v : visits) {
            if (!v.visitDate().isBefore(admitted.minusDays(window)) && !v.visitDate().isAfter(discharged.plusDays(window))) {
                long days = v.visitDate().isBefore(admitted) ? -ChronoUnit.DAYS.between(v.visitDate(), admitted)
                        : v.visitDate().isAfter(discharged) ? ChronoUnit.DAYS.between(discharged, v.visitDate()) : 0;
                around.add(new OutpatientVisitFact(v.visitId(), v.hospitalCode(), v.hospitalCode().equals(f.hospitalCode),
                        v.visitDate(), days, v.diagnosisCode(), v.totalCost(), v.fundPayment()));
            }
            if (!v.hospitalCode().equals(f.hospitalCode)) {
                continue;
            }
            boolean inBefore = v.visitDate().isBefore(admitted) && !v.visitDate().isBefore(admitted.minusDays(window));
            boolean inAfter = v.visitDate().isAfter(discharged) && !v.visitDate().isAfter(discharged.plusDays(window));
            if (inBefore || inAfter) {
                if (inBefore) {
                    before = before.add(v.totalCost());
                } else {
                    after = after.add(v.totalCost());
                }
                ids.add(v.visitId());
                fund = fund == null || v.fundPayment() == null ? null : fund.add(v.fundPayment());
            }
        }
        f.outpatientFundPaid = fund;
        f.outpatientBefore = before;
        f.outpatientAfter = after;
        f.outpatientShare = share(before.add(after), f.totalCost);
        f.outpatientVisitIds = ids;
        f.outpatientVisits = around.isEmpty() ? List.of() : List.copyOf(around);
    }

    /**
     * Links a stay to the patient's latest earlier stay in the same hospital or alliance, and to its chain. A
     * readmission is planned when the earlier stay's discharge recorded it (the flag is filled at discharge); a
     * transfer to another member of the alliance is a referral in the direction of the two hospitals' levels.
     */
    private static void link(AuditCase f, List<AuditCase> earlier) {
        PolicyParameters policy = f.policy;
        f.splitExcluded = policy.getSplitAdmission().getExcludedAdrgs().contains(f.adrg);
        for (int i = earlier.size() - 1; i >= 0; i--) {
            AuditCase e = earlier.get(i);
            if (!e.dischargeTime.isAfter(f.admissionTime) && f.sameNetworkAs(e)) {
                f.previous = e;
                f.daysSincePrevious = ChronoUnit.DAYS.between(e.dischargeTime.toLocalDate(), f.admissionTime.toLocalDate());
                f.hoursSincePrevious = BigDecimal.valueOf(Duration.between(e.dischargeTime, f.admissionTime).toMinutes())
                        .divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_UP);
                break;
            }
        }
        AuditCase p = f.previous;
        if (p != null) {
            f.plannedByPrevious = p.plannedReadmission && f.daysSincePrevious <= PLANNED_READMISSION_DAYS;
            f.sameEpisodeAsPrevious = f.adrg.equals(p.adrg) || f.mdc.equals(p.mdc) && !p.surgical && f.surgical;
            if (!f.hospitalCode.equals(p.hospitalCode)) {
                f.referralDirection = f.hospitalLevel > p.hospitalLevel ? "UP" : f.hospitalLevel < p.hospitalLevel ? "DOWN" : "SAME";
                boolean transferred = "TRANSFER_HOSPITAL".equals(p.dischargeMethod) || "TRANSFER_COMMUNITY".equals(p.dischargeMethod);
                PolicyParameters.ReferralExemption exemption = transferred
                        ? policy.getSplitAdmission().referralExemption(f.referralDirection, f.principalCode) : null;
                f.referralExemption = exemption == null ? null : exemption.getName();
            }
        }
        List<AuditCase> chain = new ArrayList<>();
        chain.add(f);
        int window = policy.getSplitAdmission().getReadmissionWindowDays();
        AuditCase cur = f;
        while (cur.previous != null && !cur.plannedByPrevious && !cur.splitExcluded && !cur.previous.splitExcluded
                && !"DEATH".equals(cur.previous.dischargeMethod)
                && ChronoUnit.DAYS.between(cur.previous.admissionTime.toLocalDate(), f.admissionTime.toLocalDate()) <= window) {
            chain.add(0, cur.previous);
            cur = cur.previous;
        }
        f.chain = List.copyOf(chain);
    }

    /** MDCs a principal diagnosis belongs to: its MDC lists, and the MDC of every ADRG listing it as principal. */
    private Map<String, Set<String>> principalMdcs(GrouperTables grouper) {
        return principalMdcs.computeIfAbsent(grouper, g -> {
            Map<String, Set<String>> index = new HashMap<>();
            g.mdcsOfPrincipal().forEach((dx, mdcs) -> index.computeIfAbsent(dx, k -> new HashSet<>()).addAll(mdcs));
            for (AdrgEntry a : g.adrgs().values()) {
                for (String dx : a.principalDiagnoses()) {
                    index.computeIfAbsent(dx, k -> new HashSet<>()).add(a.mdc());
                }
            }
            return index;
        });
    }

    private Map<String, Set<String>> procedureMdcs(GrouperTables grouper) {
        return procedureMdcs.computeIfAbsent(grouper, g -> {
            Map<String, Set<String>> index = new HashMap<>();
            for (AdrgEntry a : g.adrgs().values()) {
                for (String p : a.procedures()) {
                    index.computeIfAbsent(p, k -> new HashSet<>()).add(a.mdc());
                }
            }
            return index;
        });
    }

    private static Integer ageInDays(SettledCase c) {
        if (c.ageYears() == null) {
            return null;
        }
        if (c.ageYears() == 0 && c.ageDays() != null) {
            return c.ageDays();
        }
        return c.ageYears() * 365;
    }

    private static boolean outsideAgeWindow(DiagnosisEntry e, AuditCase f) {
        if (f.ageYears < 0) {
            return false;
        }
        if (e.minAgeYears() != null && f.ageYears < e.minAgeYears()) {
            return true;
        }
        if (e.maxAgeYears() != null && f.ageYears > e.maxAgeYears()) {
            return true;
        }
        return e.maxAgeDays() != null && f.ageInDays != null && f.ageInDays > e.maxAgeDays();
    }

    private static String ageWindow(DiagnosisEntry e) {
        if (e.maxAgeDays() != null) {
            return "限出生" + e.maxAgeDays() + "天内";
        }
        return "限" + (e.minAgeYears() == null ? 0 : e.minAgeYears()) + "–" + (e.maxAgeYears() == null ? "" : e.maxAgeYears()) + "岁";
    }

    /** "47.0100 腹腔镜下阑尾切除术": the knowledge base's name, else the one on the settlement list. */
    private static String label(SettledCase.Procedure p, ProcedureEntry e) {
        return p.code() + (e != null ? " " + e.name() : p.name() != null ? " " + p.name() : "");
    }

    private static String sexLabel(String sex) {
        return "M".equals(sex) ? "男性" : "女性";
    }

    private String diagnosisName(SettledCase.Diagnosis d) {
        if (d == null) {
            return null;
        }
        DiagnosisEntry e = knowledge.diagnosis(d.code());
        return e != null ? e.name() : d.name();
    }

    private String diagnosisName(String code) {
        DiagnosisEntry e = knowledge.diagnosis(code);
        return e == null ? "" : e.name();
    }

    private static BigDecimal share(BigDecimal part, BigDecimal total) {
        return total == null || total.signum() == 0 ? BigDecimal.ZERO : part.divide(total, 4, RoundingMode.HALF_UP);
    }
}
