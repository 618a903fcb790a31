package org.drgaudit.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.drgaudit.cases.OutpatientVisit;
import org.drgaudit.cases.SettledCase;
import org.drgaudit.cases.SettledCase.AdmissionRoute;
import org.drgaudit.cases.SettledCase.Diagnosis;
import org.drgaudit.cases.SettledCase.DischargeMethod;
import org.drgaudit.cases.SettledCase.Grouping;
import org.drgaudit.cases.SettledCase.IcuStay;
import org.drgaudit.cases.SettledCase.IcuWard;
import org.drgaudit.cases.SettledCase.InsuranceType;
import org.drgaudit.cases.SettledCase.Procedure;
import org.drgaudit.cases.SettledCase.Sex;
import org.drgaudit.knowledge.AdrgEntry;
import org.drgaudit.knowledge.DiagnosisEntry;
import org.drgaudit.knowledge.GroupEntry;
import org.drgaudit.knowledge.GrouperTables;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.knowledge.KnowledgeSnapshot.KnowledgeHospital;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.knowledge.ProcedureEntry;
import org.drgaudit.shared.CanonicalJson;

/**
 * Writes a year of settled cases for a region of the knowledge base, seeded and deterministic,
 * streaming NDJSON. Ordinary cases are coded consistently with the grouper tables (principal
 * diagnosis and procedures from the ADRG's entry lists, MCC/CC that support the claimed severity,
 * costs around the group's standard cost); legitimate look-alikes are mixed in (chemotherapy cycles,
 * readmissions planned at the first discharge, referrals inside an alliance, ICU stays with their records, small
 * outpatient visits); and violations of every family are planted at a
 * set rate, each written to the label file with the rule that should find it.
 */
public final class DemoGenerator {

    /** What to generate: the months, cases per month, the seed and the share of cases with a planted violation. */
    public record Settings(String region, YearMonth from, YearMonth to, int casesPerMonth, long seed, double violationRate) {

        /** A whole calendar year. */
        public Settings(String region, int year, int casesPerMonth, long seed, double violationRate) {
            this(region, YearMonth.of(year, 1), YearMonth.of(year, 12), casesPerMonth, seed, violationRate);
        }
    }

    /** A planted violation: the case the finding belongs to, the rule, and every case the finding should name. */
    public record Label(String caseId, String ruleId, String family, List<String> caseIds, String note) {
    }

    /** How much was written. */
    public record Counts(long cases, long visits, Map<InjectedViolation, Long> injected) {
    }

    private final org.drgaudit.knowledge.KnowledgeSet set;
    private final PolicyParameters policy;
    private final Map<String, GroupEntry> catalogue;
    private final GrouperTables grouper;
    private final KnowledgeSnapshot kb;
    private final List<KnowledgeHospital> hospitals;
    private final List<KnowledgeHospital> alliance;
    private final List<AdrgEntry> adrgs = new ArrayList<>();
    private final Map<String, List<GroupEntry>> groupsOfAdrg = new LinkedHashMap<>();
    private final List<String> mccCodes;
    private final List<String> ccCodes;
    private final List<String> plainCodes;
    private final List<String> femaleOnly;
    private final List<String> maleOnly;
    private final List<String> pregnancy;
    private final List<String> notPrincipal;
    private final List<String> imaging;

    private SplittableRandom rnd;
    private Writer casesOut;
    private Writer visitsOut;
    private Writer labelsOut;
    private long caseSeq;
    private long patientSeq;
    private long visitSeq;
    private long cases;
    private long visits;
    private final Map<InjectedViolation, Long> injected = new EnumMap<>(InjectedViolation.class);
    private long claimsRealigned;

    public DemoGenerator(KnowledgeSnapshot kb, String region, int year) {
        this.kb = kb;
        // the year's cases are coded, claimed and priced with the set in force that year, and with no other
        this.set = kb.setFor(region, LocalDate.of(year, 7, 1));
        if (set == null) {
            throw new IllegalArgumentException("The knowledge base has no set of region '" + region + "' in force in " + year
                    + " (it has: " + kb.coverage(region) + ")");
        }
        this.policy = set.parameters();
        this.catalogue = set.catalogue();
        this.grouper = set.grouper();
        this.hospitals = kb.hospitals().stream().filter(h -> h.region().equals(region)).toList();
        this.alliance = hospitals.stream().filter(h -> h.allianceCode() != null).toList();
        for (AdrgEntry a : grouper.adrgs().values()) {
            List<GroupEntry> groups = catalogue.values().stream().filter(g -> g.adrg().equals(a.code())).toList();
            List<String> principals = usablePrincipals(a);
            if (!groups.isEmpty() && !principals.isEmpty()) {
                adrgs.add(new AdrgEntry(a.code(), a.mdc(), a.name(), principals, a.procedures(), a.lists()));
                groupsOfAdrg.put(a.code(), groups);
            }
        }
        this.mccCodes = grouper.mcc().keySet().stream().filter(this::unrestricted).sorted().toList();
        this.ccCodes = grouper.cc().keySet().stream().filter(c -> !grouper.mcc().containsKey(c)).filter(this::unrestricted).sorted().toList();
        this.plainCodes = kb.diagnoses().values().stream()
                .filter(d -> grouper.complicationLevel(d.code()) == 5 && unrestricted(d.code()) && !d.notPrincipal())
                .map(DiagnosisEntry::code).sorted().toList();
        this.femaleOnly = kb.diagnoses().values().stream().filter(d -> "F".equals(d.sex()) && d.minAgeYears() == null
                && grouper.complicationLevel(d.code()) == 5).map(DiagnosisEntry::code).sorted().toList();
        this.maleOnly = kb.diagnoses().values().stream().filter(d -> "M".equals(d.sex()) && grouper.complicationLevel(d.code()) == 5)
                .map(DiagnosisEntry::code).sorted().toList();
        this.pregnancy = kb.diagnoses().values().stream().filter(d -> d.minAgeYears() != null && d.maxAgeYears() != null)
                .map(DiagnosisEntry::code).sorted().toList();
        this.notPrincipal = kb.diagnoses().values().stream().filter(DiagnosisEntry::notPrincipal)
                .filter(d -> d.sex() == null && d.maxAgeDays() == null && d.minAgeYears() == null
                        && grouper.complicationLevel(d.code()) == 5)
                .map(DiagnosisEntry::code).sorted().toList();
        // diagnostic procedures that lead into no ADRG, so adding one never changes a case's group
        java.util.Set<String> entryProcedures = new java.util.HashSet<>();
        grouper.adrgs().values().forEach(a -> entryProcedures.addAll(a.procedures()));
        this.imaging = kb.procedures().values().stream().filter(p -> !p.operatingRoom() && p.sex() == null)
                .filter(p -> !entryProcedures.contains(p.code()))
                .map(ProcedureEntry::code).sorted().toList();
    }

    /**
     * Principal diagnoses a coder would use for the ADRG: allowed as principal, with an exclusion
     * table, and — when the grouper tables have MDC decision rules — listed for the ADRG's own MDC and
     * for no MDC tried before it (a principal that an earlier MDC takes would never reach this ADRG).
     * Pre-MDC ADRGs (MDCA) are entered by procedure, so any listed principal does for them.
     */
    private List<String> usablePrincipals(AdrgEntry a) {
        List<String> order = grouper.canGroup()
                ? grouper.grouper().rules().mdcs().stream().map(m -> m.code()).toList() : List.of();
        return a.principalDiagnoses().stream()
                .filter(dx -> kb.diagnosis(dx) != null && !kb.diagnosis(dx).notPrincipal())
                .filter(dx -> grouper.principalExclusionTable().containsKey(dx))
                .filter(dx -> order.isEmpty() || a.mdc().equals("MDCA") || reachable(dx, a.mdc(), order))
                .sorted().toList();
    }

    private boolean reachable(String dx, String mdc, List<String> order) {
        java.util.Set<String> lists = grouper.mdcsOfPrincipal().getOrDefault(dx, java.util.Set.of());
        if (!lists.contains(mdc)) {
            return false;
        }
        for (String earlier : order) {
            if (earlier.equals(mdc)) {
                return true;
            }
            // MDCP takes only newborns, whom the generator writes for MDCP ADRGs alone
            if (lists.contains(earlier) && !earlier.equals("MDCP") && !earlier.equals("MDCA")) {
                return false;
            }
        }
        return true;
    }

    /** For ADRGs entered by more than one procedure list (double procedures, labelled groups): one code of each. */
    private void everyProcedureList(Draft d) {
        List<List<String>> lists = d.adrg.lists().entrySet().stream().filter(e -> e.getKey().startsWith("adrg_ss"))
                .map(java.util.Map.Entry::getValue).toList();
        if (lists.size() < 2) {
            return;
        }
        for (List<String> list : lists) {
            if (list.stream().anyMatch(d.procedures::contains)) {
                continue;
            }
            List<String> fitting = list.stream().filter(c -> {
                ProcedureEntry e = kb.procedure(c);
                return e != null && (e.sex() == null || e.sex().equals(d.sex.name()));
            }).toList();
            if (!fitting.isEmpty()) {
                d.procedures.add(fitting.get(rnd.nextInt(fitting.size())));
            }
        }
    }

    private boolean unrestricted(String code) {
        DiagnosisEntry d = kb.diagnosis(code);
        return d != null && d.sex() == null && d.minAgeYears() == null && d.maxAgeYears() == null && d.maxAgeDays() == null;
    }

    /** Writes cases, outpatient visits and labels to three NDJSON files. */
    public Counts generateFiles(Settings s, java.nio.file.Path cases, java.nio.file.Path visits, java.nio.file.Path labels) {
        try {
            java.nio.file.Files.createDirectories(cases.toAbsolutePath().getParent());
            try (Writer c = java.nio.file.Files.newBufferedWriter(cases, java.nio.charset.StandardCharsets.UTF_8);
                 Writer v = java.nio.file.Files.newBufferedWriter(visits, java.nio.charset.StandardCharsets.UTF_8);
                 Writer l = java.nio.file.Files.newBufferedWriter(labels, java.nio.charset.StandardCharsets.UTF_8)) {
                return generate(s, c, v, l);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write generated cases to " + cases.getParent() + ": " + e.getMessage(), e);
        }
    }

    /** Writes the months: cases, outpatient visits and labels, each as NDJSON. */
    public Counts generate(Settings s, Writer casesOut, Writer visitsOut, Writer labelsOut) {
        if (!set.covers(s.from().atDay(1)) || !set.covers(s.to().atEndOfMonth())) {
            throw new IllegalArgumentException("Months " + s.from() + " to " + s.to() + " are not all within the set "
                    + set.describe() + " the generator codes and claims with; generate each set's months apart");
        }
        this.rnd = new SplittableRandom(s.seed());
        this.casesOut = casesOut;
        this.visitsOut = visitsOut;
        this.labelsOut = labelsOut;
        // kinds are drawn from a shuffled bag holding each once, so every kind (and a family of one kind, like the
        // special cases) is planted about equally often even in a small year
        List<InjectedViolation> bag = new ArrayList<>();
        for (YearMonth ym = s.from(); !ym.isAfter(s.to()); ym = ym.plusMonths(1)) {
            for (int i = 0; i < s.casesPerMonth(); i++) {
                if (rnd.nextDouble() < s.violationRate()) {
                    if (bag.isEmpty()) {
                        bag.addAll(List.of(InjectedViolation.values()));
                        for (int k = bag.size() - 1; k > 0; k--) {
                            java.util.Collections.swap(bag, k, rnd.nextInt(k + 1));
                        }
                    }
                    plant(bag.remove(bag.size() - 1), ym);
                } else {
                    ordinary(ym);
                }
            }
        }
        try {
            casesOut.flush();
            visitsOut.flush();
            labelsOut.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Counts(cases, visits, Map.copyOf(injected));
    }

    // ---------------------------------------------------------------------------------------------
    // Ordinary cases and their legitimate look-alikes
    // ---------------------------------------------------------------------------------------------

    private void ordinary(YearMonth month) {
        Draft d = draft(month, pickAdrg(false), null);
        double r = rnd.nextDouble();
        // chemotherapy (RE1 in CHS-DRG 1.1, RN1 in 2.0) comes in cycles
        if (r < 0.04 && (d.adrg.code().startsWith("RE") || d.adrg.code().startsWith("RN"))) {
            // chemotherapy cycle three weeks later: a readmission that is not a split admission
            write(d.build());
            Draft next = followUp(d, 21 + rnd.nextInt(5), d.adrg);
            if (next != null) {
                write(next.build());
            }
            return;
        }
        if (r < 0.01) {
            // the first discharge records the readmission as planned (出院31天内再住院计划): no split admission
            Draft next = followUp(d, 3 + rnd.nextInt(8), d.adrg);
            d.planned = true;
            write(d.build());
            if (next != null) {
                write(next.build());
            }
            return;
        }
        if (r >= 0.13 && r < 0.16 && referral(d)) {
            return;
        }
        if (r >= 0.16 && r < 0.19 && d.surgical()) {
            // a real ICU stay after surgery, sometimes in two spells: the claimed hours are what the records show
            d.icu = BigDecimal.valueOf(12 + rnd.nextInt(60));
        }
        write(d.build());
        if (r < 0.10) {
            // an ordinary outpatient visit, long before or small against the stay
            LocalDate date = d.admission.toLocalDate().minusDays(20 + rnd.nextInt(40));
            visit(d, date, d.total.multiply(BigDecimal.valueOf(0.02 + rnd.nextDouble() * 0.2)));
        } else if (r < 0.13) {
            LocalDate date = d.admission.toLocalDate().minusDays(1 + rnd.nextInt(6));
            visit(d, date, d.total.multiply(BigDecimal.valueOf(0.01 + rnd.nextDouble() * 0.1)));
        }
    }

    /**
     * A referral inside an alliance (双向转诊), which is no split admission: a higher-level member transfers the patient
     * down to a lower-level one for continuing care of the same condition, where the region exempts that, or a
     * lower-level member refers the patient up for another condition. Writes nothing and answers false when the
     * draft's hospital has no member to refer to or the draft is no medical stay.
     */
    private boolean referral(Draft d) {
        String code = d.hospital.allianceCode();
        if (code == null || d.adrg.code().charAt(1) < 'R' || d.adrg.mdc().equals("MDCP") || d.adrg.mdc().equals("MDCO")) {
            return false;
        }
        List<KnowledgeHospital> lower = alliance.stream().filter(h -> code.equals(h.allianceCode()) && h.level() < d.hospital.level()).toList();
        List<KnowledgeHospital> higher = alliance.stream().filter(h -> code.equals(h.allianceCode()) && h.level() > d.hospital.level()).toList();
        if (!lower.isEmpty()) {
            Draft next = followUpHours(d, 2 + rnd.nextInt(6), d.adrg);
            if (next == null || policy.getSplitAdmission().referralExemption("DOWN", next.principal) == null) {
                return false;
            }
            d.discharge = DischargeMethod.TRANSFER_COMMUNITY;
            write(d.build());
            next.hospital = lower.get(rnd.nextInt(lower.size()));
            next.route = AdmissionRoute.TRANSFER;
            write(next.build());
            return true;
        }
        if (!higher.isEmpty()) {
            AdrgEntry other = pickAdrg(true);
            if (other.mdc().equals(d.adrg.mdc())) {
                return false;
            }
            Draft next = followUp(d, 1 + rnd.nextInt(5), other);
            d.discharge = DischargeMethod.TRANSFER_HOSPITAL;
            write(d.build());
            if (next != null) {
                next.hospital = higher.get(rnd.nextInt(higher.size()));
                next.route = AdmissionRoute.TRANSFER;
                write(next.build());
            }
            return true;
        }
        return false;
    }

    // ---------------------------------------------------------------------------------------------
    // Planted violations
    // ---------------------------------------------------------------------------------------------

    private void plant(InjectedViolation kind, YearMonth month) {
        switch (kind) {
            case HC_01 -> {
                Draft d = draftWithSeverity(month, 1, 3);
                if (d == null) {
                    return;
                }
                d.secondaries.clear();
                String excluded = excludedComplication(d.principal);
                if (excluded != null) {
                    d.secondaries.add(excluded);
                }
                label(kind, d.build(), null);
            }
            case HC_02 -> {
                Draft d = draftWithSeverity(month, 1, 3);
                if (d == null) {
                    return;
                }
                d.secondaries.clear();
                d.secondaries.add(countedComplication(d.principal, d.group.severity() == '1' ? 1 : 3));
                d.shortenTo(Math.max(1, (int) Math.floor(d.group.avgLos().doubleValue() * 0.3)));
                d.cost(0.6 + rnd.nextDouble() * 0.3, Split.DIAGNOSTIC_LIGHT);
                label(kind, d.build(), null);
            }
            case HC_03 -> {
                // 诊断升级: the coding describes a lighter ADRG of the same MDC; the claim names a heavier one
                Draft d = null;
                GroupEntry claimed = null;
                for (int attempt = 0; attempt < 30 && claimed == null; attempt++) {
                    d = draft(month, pickMedicalAdrg(), null);
                    claimed = heavierGroupOfAnotherAdrg(d);
                }
                if (claimed == null) {
                    write(d.build());
                    return;
                }
                d.group = claimed;
                label(kind, d.build(), null);
            }
            case HC_04 -> {
                AdrgEntry ah = adrgs.stream().filter(a -> policy.getHighCoding().getLongVentilationAdrgs().contains(a.code())).findFirst().orElse(null);
                if (ah == null) {
                    return;
                }
                Draft d = draft(month, ah, null);
                d.ventilator = BigDecimal.valueOf(30 + rnd.nextInt(60));
                d.icu = d.ventilator.add(BigDecimal.valueOf(12));
                label(kind, d.build(), null);
            }
            case HC_05 -> {
                // ICU hours claimed that no ICU record inside the stay supports: none sent, a record of another stay,
                // or a record far shorter than the claim
                Draft d = draft(month, pickAdrg(false), null);
                long claimed = 24 + rnd.nextInt(96);
                d.icu = BigDecimal.valueOf(claimed);
                double v = rnd.nextDouble();
                long stay = ChronoUnit.HOURS.between(d.admission, d.dischargeTime);
                if (v < 0.4 || stay < claimed / 4 + 2) {
                    d.icuStays = List.of();
                } else if (v < 0.7) {
                    LocalDateTime in = d.admission.minusDays(20 + rnd.nextInt(20)).withMinute(0);
                    d.icuStays = List.of(new IcuStay(IcuWard.ICU, in, in.plusHours(claimed), BigDecimal.valueOf(claimed)));
                } else {
                    LocalDateTime in = d.admission.plusHours(1);
                    long recorded = claimed / 4;
                    d.icuStays = List.of(new IcuStay(IcuWard.ICU, in, in.plusHours(recorded), BigDecimal.valueOf(recorded)));
                }
                label(kind, d.build(), null);
            }
            case DP_01 -> {
                Draft d = draft(month, pickAdrg(false), null);
                List<String> other = d.sex == Sex.M ? femaleOnly : maleOnly;
                if (other.isEmpty()) {
                    return;
                }
                d.secondaries.add(other.get(rnd.nextInt(other.size())));
                label(kind, d.build(), null);
            }
            case DP_02 -> {
                Draft d = draft(month, pickAdrg(false), Sex.F);
                if (d.sex != Sex.F || pregnancy.isEmpty() || d.adrg.mdc().equals("MDCO") || d.adrg.mdc().equals("MDCP")) {
                    write(d.build());
                    return;
                }
                d.age = 60 + rnd.nextInt(20);
                d.secondaries.add(pregnancy.get(rnd.nextInt(pregnancy.size())));
                label(kind, d.build(), null);
            }
            case DP_03 -> {
                AdrgEntry a = pickSurgicalAdrg();
                if (a == null) {
                    return;
                }
                Draft d = draft(month, a, null);
                d.procedures.clear();
                d.anaesthesia = false;
                d.cost(0.8 + rnd.nextDouble() * 0.4, Split.MEDICAL);
                label(kind, d.build(), null);
            }
            case DP_04 -> {
                if (notPrincipal.isEmpty()) {
                    return;
                }
                Draft d = draft(month, pickAdrg(false), null);
                d.principal = notPrincipal.get(rnd.nextInt(notPrincipal.size()));
                label(kind, d.build(), null);
            }
            case DP_05 -> {
                Draft d = draft(month, pickAdrg(false), null);
                if (d.procedures.isEmpty()) {
                    d.procedures.add(imaging.get(rnd.nextInt(imaging.size())));
                }
                d.procedureOutsideStay = true;
                label(kind, d.build(), null);
            }
            case SA_01 -> {
                Draft first = draft(month, pickAdrg(true), null);
                Draft second = followUp(first, 3 + rnd.nextInt(policy.getSplitAdmission().getReadmissionWindowDays() - 3), first.adrg);
                if (second != null && rnd.nextDouble() < 0.3) {
                    // the readmission's own discharge plans a further stay; that says nothing of this readmission
                    second.planned = true;
                }
                episode(kind, first, second);
            }
            case SA_02 -> {
                Draft first = draft(month, pickAdrg(true), null);
                episode(kind, first, followUpHours(first, 2 + rnd.nextInt(18), pickAdrg(true)));
            }
            case SA_03 -> {
                // a transfer inside an alliance that splits one episode (the same ADRG) in a direction the region
                // does not exempt as a referral
                Draft first = draft(month, pickMedicalAdrg(), null);
                Draft second = followUp(first, 1 + rnd.nextInt(5), first.adrg);
                List<KnowledgeHospital[]> pairs = new ArrayList<>();
                for (KnowledgeHospital from : alliance) {
                    for (KnowledgeHospital to : alliance) {
                        if (!from.code().equals(to.code()) && from.allianceCode().equals(to.allianceCode()) && second != null
                                && policy.getSplitAdmission().referralExemption(direction(from, to), second.principal) == null) {
                            pairs.add(new KnowledgeHospital[] {from, to});
                        }
                    }
                }
                if (pairs.isEmpty()) {
                    write(first.build());
                    return;
                }
                KnowledgeHospital[] pair = pairs.get(rnd.nextInt(pairs.size()));
                first.hospital = pair[0];
                first.discharge = DischargeMethod.TRANSFER_HOSPITAL;
                second.hospital = pair[1];
                second.route = AdmissionRoute.TRANSFER;
                episode(kind, first, second);
            }
            case TL_01 -> {
                Draft d = draft(month, pickAdrg(false), null);
                d.cost(0.15 + rnd.nextDouble() * 0.2, d.surgical() ? Split.SURGICAL : Split.MEDICAL);
                label(kind, d.build(), null);
            }
            case TL_02 -> {
                AdrgEntry a = pickMedicalAdrg();
                Draft d = draft(month, a, null);
                GroupEntry light = groupsOfAdrg.get(a.code()).stream().filter(g -> g.severity() == '5' || g.severity() == '9').findFirst().orElse(null);
                if (light == null) {
                    write(d.build());
                    return;
                }
                d.group = light;
                d.secondaries.clear();
                d.procedures.clear();
                d.shortenTo(1 + rnd.nextInt(2));
                d.cost(0.45 + rnd.nextDouble() * 0.25, Split.DIAGNOSTIC);
                label(kind, d.build(), null);
            }
            case TL_03 -> {
                Draft d = draft(month, pickAdrg(false), null);
                SettledCase c = d.build();
                label(kind, c, null);
                BigDecimal share = BigDecimal.valueOf(0.35 + rnd.nextDouble() * 0.25);
                visit(d, d.admission.toLocalDate().minusDays(1 + rnd.nextInt(5)), d.total.multiply(share));
            }
            case TL_04 -> {
                Draft d = draft(month, pickAdrg(false), null);
                d.selfPayShare = 0.15 + rnd.nextDouble() * 0.15;
                label(kind, d.build(), null);
            }
            case SC_01 -> {
                Draft d = draft(month, pickAdrg(false), null);
                d.cost(3.3 + rnd.nextDouble() * 1.5, d.surgical() ? Split.SURGICAL : Split.MEDICAL);
                label(kind, d.build(), null);
            }
            default -> throw new IllegalStateException(kind.name());
        }
    }

    private static String direction(KnowledgeHospital from, KnowledgeHospital to) {
        return to.level() > from.level() ? "UP" : to.level() < from.level() ? "DOWN" : "SAME";
    }

    /** A planted two-stay episode; when the second stay would leave the year, only the first is written. */
    private void episode(InjectedViolation kind, Draft first, Draft second) {
        SettledCase earlier = first.build();
        write(earlier);
        if (second != null) {
            label(kind, second.build(), earlier);
        }
    }

    private void label(InjectedViolation kind, SettledCase c, SettledCase earlier) {
        write(c);
        injected.merge(kind, 1L, Long::sum);
        List<String> ids = earlier == null ? List.of(c.caseId()) : List.of(earlier.caseId(), c.caseId());
        line(labelsOut, CanonicalJson.write(new Label(c.caseId(), kind.ruleId(), kind.family(), ids, kind.label())));
    }

    // ---------------------------------------------------------------------------------------------
    // Building one case
    // ---------------------------------------------------------------------------------------------

    private enum Split { SURGICAL, MEDICAL, DIAGNOSTIC, DIAGNOSTIC_LIGHT }

    /** A case being put together; {@link #build()} turns it into the data contract. */
    private final class Draft {
        final String caseId = "C" + policy.getYear() + String.format("%08d", ++caseSeq);
        String patientId;
        KnowledgeHospital hospital;
        AdrgEntry adrg;
        GroupEntry group;
        String principal;
        final List<String> secondaries = new ArrayList<>();
        final List<String> procedures = new ArrayList<>();
        Sex sex;
        int age;
        Integer ageDays;
        Integer birthWeight;
        LocalDateTime admission;
        LocalDateTime dischargeTime;
        DischargeMethod discharge = DischargeMethod.ROUTINE;
        boolean planned;
        AdmissionRoute route;
        boolean anaesthesia;
        boolean procedureOutsideStay;
        BigDecimal ventilator;
        BigDecimal icu;
        /** The ICU records as sent; null: records matching the claimed {@link #icu} hours, placed inside the stay. */
        List<IcuStay> icuStays;
        BigDecimal total;
        Map<String, BigDecimal> costs;
        double selfPayShare;
        InsuranceType insurance;

        boolean surgical() {
            return group.surgical() && !policy.getMismatch().getNonSurgicalAdrgs().contains(adrg.code());
        }

        /** Shortens the stay to {@code days}, keeping the discharge (and so the settlement month). */
        void shortenTo(int days) {
            admission = dischargeTime.minusDays(days).withHour(7 + rnd.nextInt(4));
        }

        void stay(int days) {
            dischargeTime = admission.plusDays(days).withHour(9 + rnd.nextInt(6)).withMinute(rnd.nextInt(60));
        }

        /**
         * ICU records for the claimed hours, inside the stay: one spell, or two with a few hours on the ward between
         * them. A stay too short for the claim claims what fits.
         */
        List<IcuStay> recordedIcu() {
            long stay = ChronoUnit.HOURS.between(admission, dischargeTime);
            if (stay < 3) {
                icu = null;
                return null;
            }
            long hours = Math.min(icu.longValue(), stay - 2);
            icu = BigDecimal.valueOf(hours);
            long slack = stay - hours - 1;
            LocalDateTime in = admission.withMinute(0).withSecond(0).plusHours(1 + rnd.nextInt((int) Math.min(slack, 12)));
            long left = ChronoUnit.HOURS.between(in.plusHours(hours), dischargeTime);
            IcuWard ward = adrg.mdc().equals("MDCE") || policy.getHighCoding().getLongVentilationAdrgs().contains(adrg.code())
                    ? IcuWard.RICU : surgical() ? IcuWard.SICU : IcuWard.ICU;
            long gap = Math.min(left - 1, 6);
            if (hours >= 4 && gap >= 1 && rnd.nextDouble() < 0.3) {
                long first = hours / 2;
                LocalDateTime back = in.plusHours(first + gap);
                return List.of(new IcuStay(ward, in, in.plusHours(first), BigDecimal.valueOf(first)),
                        new IcuStay(ward, back, back.plusHours(hours - first), BigDecimal.valueOf(hours - first)));
            }
            return List.of(new IcuStay(ward, in, in.plusHours(hours), BigDecimal.valueOf(hours)));
        }

        void cost(double ratio, Split split) {
            total = group.standardCost().multiply(BigDecimal.valueOf(ratio)).setScale(2, RoundingMode.HALF_UP);
            costs = spread(total, split);
        }

        SettledCase build() {
            LocalDate from = admission.toLocalDate();
            LocalDate to = dischargeTime.toLocalDate();
            int los = (int) ChronoUnit.DAYS.between(from, to);
            List<Procedure> procs = new ArrayList<>();
            for (int i = 0; i < procedures.size(); i++) {
                String code = procedures.get(i);
                ProcedureEntry e = kb.procedure(code);
                LocalDate date = procedureOutsideStay && i == 0 ? to.plusDays(2 + rnd.nextInt(5))
                        : from.plusDays(los == 0 ? 0 : rnd.nextInt(los + 1));
                procs.add(new Procedure(code, e == null ? null : e.name(), date, i == 0,
                        e != null && e.operatingRoom() && anaesthesia, e != null && e.operatingRoom() ? "D" + (1000 + rnd.nextInt(200)) : null));
            }
            BigDecimal outOfPocket = total.multiply(BigDecimal.valueOf(selfPayShare)).setScale(2, RoundingMode.HALF_UP);
            BigDecimal selfPay = total.subtract(outOfPocket).multiply(BigDecimal.valueOf(0.15)).setScale(2, RoundingMode.HALF_UP);
            BigDecimal fund = total.subtract(outOfPocket).subtract(selfPay);
            LocalDate settled = to.plusDays(rnd.nextInt(3));
            if (!YearMonth.from(settled).equals(YearMonth.from(to))) {
                settled = to;
            }
            List<Diagnosis> secondaryList = secondaries.stream().map(c -> new Diagnosis(c, name(c), 1)).toList();
            List<IcuStay> icuRecords = icuStays != null ? icuStays : icu != null && icu.signum() > 0 ? recordedIcu() : null;
            AdmissionRoute admittedBy = rnd.nextDouble() < 0.3 ? AdmissionRoute.EMERGENCY : AdmissionRoute.OUTPATIENT;
            return new SettledCase(caseId, hospital.code(), patientId, insurance, sex, age, age == 0 ? ageDays : null,
                    age == 0 ? (birthWeight != null ? birthWeight : Integer.valueOf(2500 + rnd.nextInt(1500))) : null,
                    admission, dischargeTime, los,
                    route != null ? route : admittedBy, discharge, planned,
                    adrg.mdc(), null, new Diagnosis(principal, name(principal), 1), secondaryList, procs,
                    ventilator, icu, icuRecords == null || icuRecords.isEmpty() ? null : icuRecords, costs, total, fund, selfPay, outOfPocket, settled,
                    new Grouping("DRG", policy.getGrouperVersion(), group.code(), group.name(), group.weight()));
        }
    }

    private Draft draft(YearMonth month, AdrgEntry adrg, Sex wantedSex) {
        Draft d = new Draft();
        d.patientId = "P" + policy.getYear() + String.format("%07d", ++patientSeq);
        d.hospital = pickHospital(adrg);
        d.adrg = adrg;
        List<GroupEntry> groups = groupsOfAdrg.get(adrg.code());
        d.group = groups.get(rnd.nextInt(groups.size()));
        d.principal = adrg.principalDiagnoses().get(rnd.nextInt(adrg.principalDiagnoses().size()));
        DiagnosisEntry p = kb.diagnosis(d.principal);
        d.sex = p.sex() != null ? Sex.valueOf(p.sex()) : "MDCM".equals(adrg.mdc()) ? Sex.M
                : "MDCN".equals(adrg.mdc()) || "MDCO".equals(adrg.mdc()) ? Sex.F
                : wantedSex != null ? wantedSex : rnd.nextBoolean() ? Sex.M : Sex.F;
        if (p.maxAgeDays() != null || "MDCP".equals(adrg.mdc())) {
            d.age = 0;
            d.ageDays = 1 + rnd.nextInt(20);
            d.birthWeight = 2500 + rnd.nextInt(1500);
        } else if (p.minAgeYears() != null || "MDCO".equals(adrg.mdc())) {
            d.age = 22 + rnd.nextInt(16);
        } else {
            d.age = 25 + rnd.nextInt(60);
        }
        d.insurance = rnd.nextDouble() < 0.55 ? InsuranceType.EMPLOYEE : InsuranceType.RESIDENT;
        d.selfPayShare = rnd.nextDouble() * 0.06;
        LocalDate last = month.atEndOfMonth();
        int los = Math.max(1, (int) Math.round(d.group.avgLos().doubleValue() * (0.75 + rnd.nextDouble() * 0.5)));
        LocalDate discharge = month.atDay(1 + rnd.nextInt(last.getDayOfMonth()));
        d.admission = discharge.minusDays(los).atTime(7 + rnd.nextInt(12), rnd.nextInt(60));
        d.stay(los);
        severity(d);
        procedures(d);
        claimWhatTheTablesGive(d);
        d.cost(0.75 + rnd.nextDouble() * 0.7, d.surgical() ? Split.SURGICAL : Split.MEDICAL);
        return d;
    }

    /**
     * An ordinary claim carries the group the payment platform's grouper gives its coding. Where the knowledge base
     * has decision tables and they put the drafted coding into another catalogue group (the national tables try
     * ADRGs in an order the generator's choice of codes does not know), the draft claims that group. Planted
     * violations change the draft afterwards, so they still claim what the coding does not support. Draws no
     * random numbers: a generated year stays the same wherever the tables agree.
     */
    /** How many drafted claims took the tables' group instead of the one the generator aimed at. */
    public long claimsRealigned() {
        return claimsRealigned;
    }

    private void claimWhatTheTablesGive(Draft d) {
        if (!grouper.canGroup()) {
            return;
        }
        org.drgaudit.knowledge.grouper.GroupingResult r = grouper.grouper().group(new org.drgaudit.knowledge.grouper.GroupingCase(
                d.principal, d.secondaries, d.procedures, d.sex.name(), d.age, d.ageDays, d.birthWeight, d.ventilator, null), false);
        GroupEntry g = r.grouped() ? catalogue.get(r.drg()) : null;
        if (g != null && !g.code().equals(d.group.code())) {
            claimsRealigned++;
            d.group = g;
            // the draft follows the ADRG where the generator draws cases of it (follow-up stays draw from it)
            adrgs.stream().filter(x -> x.code().equals(r.adrg())).findFirst().ifPresent(a -> d.adrg = a);
        }
    }

    private Draft draftWithSeverity(YearMonth month, int... severities) {
        for (int attempt = 0; attempt < 20; attempt++) {
            Draft d = draft(month, pickAdrg(false), null);
            for (int s : severities) {
                if (d.group.severity() == (char) ('0' + s)) {
                    return d;
                }
            }
            GroupEntry split = groupsOfAdrg.get(d.adrg.code()).stream()
                    .filter(g -> g.severity() == '1' || g.severity() == '3').findFirst().orElse(null);
            if (split != null) {
                d.group = split;
                severity(d);
                keepAboveLowCost(d);
                return d;
            }
        }
        return null;
    }

    /**
     * A claim moved to a heavier group keeps the cost of the care given, but not so low against the claimed group's
     * standard cost that the stay also reads as a low-cost case (TL-01): where the two severities' weights lie far
     * apart (CHS-DRG 2.0's GS11 and GS15), the plant would otherwise be two violations, and its label names one.
     * Draws random numbers only for such a claim, so a year without one is generated as before.
     */
    private void keepAboveLowCost(Draft d) {
        BigDecimal lowCostRatio = policy.getTooLittleService().getLowCostRatio();
        if (lowCostRatio == null || d.total == null) {
            return;
        }
        if (d.total.compareTo(d.group.standardCost().multiply(lowCostRatio)) < 0) {
            d.cost(lowCostRatio.doubleValue() + 0.05 + rnd.nextDouble() * 0.1, d.surgical() ? Split.SURGICAL : Split.MEDICAL);
        }
    }

    private void severity(Draft d) {
        d.secondaries.clear();
        char s = d.group.severity();
        if (s == '1') {
            d.secondaries.add(countedComplication(d.principal, 1));
            if (rnd.nextBoolean()) {
                String cc = countedComplication(d.principal, 3);
                if (!d.secondaries.contains(cc)) {
                    d.secondaries.add(cc);
                }
            }
        } else if (s == '3') {
            d.secondaries.add(countedComplication(d.principal, 3));
        }
        if (rnd.nextDouble() < 0.5 && !plainCodes.isEmpty()) {
            String plain = plainCodes.get(rnd.nextInt(plainCodes.size()));
            if (!plain.equals(d.principal) && !d.secondaries.contains(plain)) {
                d.secondaries.add(plain);
            }
        }
    }

    private void procedures(Draft d) {
        d.procedures.clear();
        d.anaesthesia = false;
        List<String> fitting = d.adrg.procedures().stream().filter(c -> {
            ProcedureEntry e = kb.procedure(c);
            return e != null && (e.sex() == null || e.sex().equals(d.sex.name()));
        }).toList();
        if (policy.getHighCoding().getLongVentilationAdrgs().contains(d.adrg.code())) {
            // the code that records the long ventilation (96.7201) comes first; an ADRG entered by combined procedure
            // groups rather than by a principal-procedure list (2.0's AH2: a tracheotomy or intubation and the
            // ventilation) also gets one code of each group
            Set<String> ventilation = policy.getHighCoding().getLongVentilationProcedures();
            d.procedures.add(fitting.stream().filter(ventilation::contains).findFirst()
                    .orElse(fitting.stream().filter(c -> !kb.procedure(c).operatingRoom()).findFirst().orElse(fitting.get(0))));
            if (!d.adrg.lists().containsKey("adrg_ss")) {
                everyProcedureList(d);
            }
            d.ventilator = BigDecimal.valueOf(100 + rnd.nextInt(300));
            d.icu = d.ventilator.add(BigDecimal.valueOf(24));
            return;
        }
        if (d.surgical()) {
            List<String> or = fitting.stream().filter(c -> kb.procedure(c).operatingRoom()).toList();
            if (!or.isEmpty()) {
                d.procedures.add(or.get(rnd.nextInt(or.size())));
                d.anaesthesia = true;
                everyProcedureList(d);
            }
            return;
        }
        List<String> nonOr = fitting.stream().filter(c -> !kb.procedure(c).operatingRoom()).toList();
        // ADRGs lettered K–Q are entered by their (non-OR) procedure: the procedure is always coded
        boolean procedureEntered = d.adrg.code().charAt(1) >= 'K' && d.adrg.code().charAt(1) <= 'Q';
        if (!nonOr.isEmpty() && (d.group.surgical() || procedureEntered || rnd.nextBoolean())) {
            d.procedures.add(nonOr.get(rnd.nextInt(nonOr.size())));
            everyProcedureList(d);
        }
    }

    /** A second stay of the same patient after {@code days}; null when it would leave the year. */
    private Draft followUp(Draft first, int days, AdrgEntry adrg) {
        LocalDateTime admission = first.dischargeTime.toLocalDate().plusDays(days).atTime(8 + rnd.nextInt(8), rnd.nextInt(60));
        return second(first, admission, adrg);
    }

    private Draft followUpHours(Draft first, int hours, AdrgEntry adrg) {
        return second(first, first.dischargeTime.plusHours(hours), adrg);
    }

    private Draft second(Draft first, LocalDateTime admission, AdrgEntry adrg) {
        Draft d = draft(YearMonth.from(first.admission), adrg, first.sex);
        d.patientId = first.patientId;
        d.hospital = first.hospital;
        d.sex = first.sex;
        d.age = first.age;
        d.ageDays = first.ageDays;
        d.insurance = first.insurance;
        int los = (int) ChronoUnit.DAYS.between(d.admission.toLocalDate(), d.dischargeTime.toLocalDate());
        d.admission = admission;
        d.stay(Math.max(1, los));
        if (d.dischargeTime.getYear() != first.admission.getYear() || !d.dischargeTime.isAfter(d.admission)) {
            return null;
        }
        DiagnosisEntry p = kb.diagnosis(d.principal);
        boolean newborn = p.maxAgeDays() != null || "MDCP".equals(adrg.mdc());
        boolean pregnant = p.minAgeYears() != null || "MDCO".equals(adrg.mdc());
        if (p.sex() != null && !p.sex().equals(d.sex.name()) || newborn != (d.age == 0)
                || pregnant && (d.sex != Sex.F || d.age < 15 || d.age > 50)
                || "MDCM".equals(adrg.mdc()) && d.sex != Sex.M || "MDCN".equals(adrg.mdc()) && d.sex != Sex.F) {
            return null;
        }
        procedures(d);
        return d;
    }

    private void visit(Draft d, LocalDate date, BigDecimal amount) {
        BigDecimal total = amount.setScale(2, RoundingMode.HALF_UP);
        BigDecimal exam = total.multiply(BigDecimal.valueOf(0.6)).setScale(2, RoundingMode.HALF_UP);
        Map<String, BigDecimal> costs = new LinkedHashMap<>();
        costs.put("examination", exam);
        costs.put("westernDrug", total.subtract(exam));
        // the outpatient fund share of the demo region: 60% of the visit
        BigDecimal fund = total.multiply(new BigDecimal("0.60")).setScale(2, RoundingMode.HALF_UP);
        OutpatientVisit v = new OutpatientVisit("V" + policy.getYear() + String.format("%08d", ++visitSeq), d.hospital.code(),
                d.patientId, date, d.principal, costs, total, fund);
        line(visitsOut, CanonicalJson.write(v));
        visits++;
    }

    private Map<String, BigDecimal> spread(BigDecimal total, Split split) {
        String[] keys;
        double[] shares;
        switch (split) {
            case SURGICAL -> {
                keys = new String[] {"surgery", "material", "westernDrug", "examination", "lab", "treatment", "bed", "nursing"};
                shares = new double[] {0.22, 0.2, 0.22, 0.1, 0.08, 0.08, 0.05, 0.05};
            }
            case MEDICAL -> {
                keys = new String[] {"westernDrug", "patentDrug", "examination", "lab", "treatment", "bed", "nursing", "material"};
                shares = new double[] {0.3, 0.06, 0.15, 0.12, 0.16, 0.09, 0.07, 0.05};
            }
            case DIAGNOSTIC -> {
                keys = new String[] {"examination", "lab", "bed", "nursing", "treatment", "westernDrug"};
                shares = new double[] {0.45, 0.25, 0.1, 0.08, 0.05, 0.07};
            }
            default -> {
                keys = new String[] {"examination", "lab", "bed", "nursing", "material", "treatment", "westernDrug"};
                shares = new double[] {0.3, 0.25, 0.15, 0.1, 0.05, 0.05, 0.1};
            }
        }
        Map<String, BigDecimal> costs = new LinkedHashMap<>();
        BigDecimal rest = total;
        for (int i = 0; i < keys.length - 1; i++) {
            BigDecimal part = total.multiply(BigDecimal.valueOf(shares[i])).setScale(2, RoundingMode.HALF_UP);
            costs.put(keys[i], part);
            rest = rest.subtract(part);
        }
        costs.put(keys[keys.length - 1], rest);
        return costs;
    }

    private String countedComplication(String principal, int level) {
        Integer table = grouper.principalExclusionTable().get(principal);
        // the complications that count against one exclusion table are the same for every case: computed once
        List<String> counted = countedByTable.computeIfAbsent(level * 100_000 + table, k ->
                (level == 1 ? mccCodes : ccCodes).stream().filter(c -> !table.equals(tableOf(c))).toList());
        String code = counted.get(rnd.nextInt(counted.size()));
        return code.equals(principal) ? counted.get(rnd.nextInt(counted.size())) : code;
    }

    private final Map<Integer, List<String>> countedByTable = new java.util.HashMap<>();

    private String excludedComplication(String principal) {
        Integer table = grouper.principalExclusionTable().get(principal);
        List<String> excluded = new ArrayList<>();
        for (String c : mccCodes) {
            if (table.equals(tableOf(c)) && !c.equals(principal)) {
                excluded.add(c);
            }
        }
        for (String c : ccCodes) {
            if (table.equals(tableOf(c)) && !c.equals(principal)) {
                excluded.add(c);
            }
        }
        return excluded.isEmpty() ? null : excluded.get(rnd.nextInt(excluded.size()));
    }

    private Integer tableOf(String code) {
        return grouper.mcc().containsKey(code) ? grouper.mcc().get(code) : grouper.cc().get(code);
    }

    private AdrgEntry pickAdrg(boolean splittable) {
        while (true) {
            AdrgEntry a = adrgs.get(rnd.nextInt(adrgs.size()));
            if (!splittable || !policy.getSplitAdmission().getExcludedAdrgs().contains(a.code())) {
                return a;
            }
        }
    }

    private AdrgEntry pickSurgicalAdrg() {
        List<AdrgEntry> surgical = adrgs.stream().filter(a -> a.code().charAt(1) <= 'J'
                && !policy.getMismatch().getNonSurgicalAdrgs().contains(a.code())).toList();
        return surgical.isEmpty() ? null : surgical.get(rnd.nextInt(surgical.size()));
    }

    /**
     * A group of another non-surgical ADRG of the draft's MDC, at the draft's severity where that ADRG
     * has it, heavier than the draft's group but at most 1.8 times as heavy (so the stay's cost does not
     * also read as a low-cost case).
     */
    private GroupEntry heavierGroupOfAnotherAdrg(Draft d) {
        List<GroupEntry> options = new ArrayList<>();
        for (AdrgEntry other : adrgs) {
            if (other.code().equals(d.adrg.code()) || !other.mdc().equals(d.adrg.mdc()) || other.code().charAt(1) < 'K') {
                continue;
            }
            List<GroupEntry> groups = groupsOfAdrg.get(other.code());
            GroupEntry same = groups.stream().filter(g -> g.severity() == d.group.severity()).findFirst()
                    .orElse(groups.stream().filter(g -> g.severity() == '5' || g.severity() == '9').findFirst().orElse(null));
            if (same != null && same.weight().compareTo(d.group.weight()) > 0
                    && same.weight().compareTo(d.group.weight().multiply(BigDecimal.valueOf(1.8))) <= 0) {
                options.add(same);
            }
        }
        return options.isEmpty() ? null : options.get(rnd.nextInt(options.size()));
    }

    private AdrgEntry pickMedicalAdrg() {
        List<AdrgEntry> medical = adrgs.stream().filter(a -> a.code().charAt(1) >= 'R'
                && !policy.getSplitAdmission().getExcludedAdrgs().contains(a.code())
                && !a.mdc().equals("MDCP") && !a.mdc().equals("MDCO")).toList();
        return medical.get(rnd.nextInt(medical.size()));
    }

    private KnowledgeHospital pickHospital(AdrgEntry adrg) {
        // tertiary hospitals treat more, and all the surgery; primary ones only medical cases
        while (true) {
            KnowledgeHospital h = hospitals.get(rnd.nextInt(hospitals.size()));
            boolean surgical = adrg.code().charAt(1) <= 'J';
            if (h.level() == 1 && surgical) {
                continue;
            }
            if (h.level() == 3 || rnd.nextDouble() < 0.5) {
                return h;
            }
        }
    }

    private String name(String dx) {
        DiagnosisEntry e = kb.diagnosis(dx);
        return e == null ? null : e.name();
    }

    private void write(SettledCase c) {
        line(casesOut, CanonicalJson.write(c));
        cases++;
    }

    private static void line(Writer out, String json) {
        try {
            out.write(json);
            out.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
