package org.drgaudit.rules;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;
import org.drgaudit.cases.NdjsonRecords;
import org.drgaudit.cases.OutpatientVisit;
import org.drgaudit.cases.SettledCase;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.rules.facts.AuditCase;
import org.drgaudit.rules.facts.AuditCaseFactory;
import org.drgaudit.rules.facts.HospitalInfo;
import org.drgaudit.rules.facts.RuleFinding;
import org.drgaudit.shared.CanonicalJson;

/**
 * Runs the golden cases of {@code test-cases/} through a compiled rule base exactly as a sweep would
 * (same fact factory, same session), and compares the findings with the expected ones: no missing,
 * no extra, and amounts and correct groups where the case states them.
 */
public final class RegressionSuite {

    private final SortedMap<String, String> files;

    /** The golden cases of a folder on disk. */
    public RegressionSuite(Path root) {
        this(VersionFiles.readTestCases(root));
    }

    /** The golden cases of a rule-base version: path relative to the test-case folder → text. */
    public RegressionSuite(SortedMap<String, String> files) {
        this.files = files;
    }

    /** Every folder holding an {@code expected.json}, relative to the root, in order. */
    public List<String> caseNames() {
        return files.keySet().stream().filter(p -> p.equals("expected.json") || p.endsWith("/expected.json"))
                .map(p -> p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "")
                .sorted().toList();
    }

    /** Rules without a golden hit case or without a miss case ({@code <RULE-ID>-hit…}, {@code <RULE-ID>-miss…}). */
    public List<String> rulesWithoutHitAndMiss(List<RuleInfo> rules) {
        java.util.Set<String> names = caseNames().stream().map(n -> n.substring(n.lastIndexOf('/') + 1))
                .collect(Collectors.toSet());
        List<String> out = new ArrayList<>();
        for (RuleInfo rule : rules) {
            boolean hit = names.stream().anyMatch(n -> n.startsWith(rule.id() + "-hit"));
            boolean miss = names.stream().anyMatch(n -> n.startsWith(rule.id() + "-miss"));
            if (!hit || !miss) {
                out.add(rule.id() + " has no golden " + (!hit && !miss ? "hit and no miss" : !hit ? "hit" : "miss")
                        + " case (test-cases/" + rule.family() + "/" + rule.id() + "-" + (!hit ? "hit" : "miss") + "/)");
            }
        }
        return out;
    }

    /** Every golden case with what it expects, in folder order (reads the files; runs nothing). */
    public List<GoldenCaseView> describe() {
        java.util.regex.Pattern folder = java.util.regex.Pattern.compile("([A-Z]+-\\d+)-(hit|miss)(?:-\\d+)?");
        List<GoldenCaseView> out = new ArrayList<>();
        for (String name : caseNames()) {
            GoldenCase g = read(name);
            int slash = name.lastIndexOf('/');
            java.util.regex.Matcher m = folder.matcher(name.substring(slash + 1));
            boolean named = m.matches();
            out.add(new GoldenCaseView(name, slash < 0 ? null : name.substring(0, slash), named ? m.group(1) : null,
                    named ? m.group(2) : null, g.month(), g.description(), g.findings().stream()
                    .map(e -> new GoldenCaseView.Expected(e.ruleId(), e.caseIds(), e.expectedOverpayment(), e.patientRefund(),
                            e.unpriced(), e.correctGroup())).toList()));
        }
        return out;
    }

    public RegressionReport run(CompiledRuleBase rules, KnowledgeSnapshot knowledge) {
        Map<String, HospitalInfo> hospitals = hospitalsOf(knowledge);
        int passed = 0;
        List<RegressionReport.Failure> failures = new ArrayList<>();
        try (RuleSession session = rules.newSession().strictTemplates()) {
            for (String name : caseNames()) {
                RegressionReport.Failure f = runOne(name, session, knowledge, hospitals);
                if (f == null) {
                    passed++;
                } else {
                    failures.add(f);
                }
            }
        }
        return new RegressionReport(passed, failures.size(), failures);
    }

    /** The findings the rules give for one golden case folder. */
    public List<RuleFinding> findings(String name, CompiledRuleBase rules, KnowledgeSnapshot knowledge) {
        try (RuleSession session = rules.newSession().strictTemplates()) {
            return evaluate(name, read(name), session, knowledge, hospitalsOf(knowledge));
        }
    }

    /** Checks one golden case folder; null when it gives exactly its expected findings. */
    public RegressionReport.Failure check(String name, CompiledRuleBase rules, KnowledgeSnapshot knowledge) {
        try (RuleSession session = rules.newSession().strictTemplates()) {
            return runOne(name, session, knowledge, hospitalsOf(knowledge));
        }
    }

    private static Map<String, HospitalInfo> hospitalsOf(KnowledgeSnapshot knowledge) {
        return knowledge.hospitals().stream().collect(Collectors.toMap(
                KnowledgeSnapshot.KnowledgeHospital::code,
                h -> new HospitalInfo(h.code(), h.name(), h.region(), h.level(), h.allianceCode(), h.coefficient())));
    }

    private RegressionReport.Failure runOne(String name, RuleSession session, KnowledgeSnapshot knowledge,
                                            Map<String, HospitalInfo> hospitals) {
        try {
            GoldenCase golden = read(name);
            List<RuleFinding> actual = evaluate(name, golden, session, knowledge, hospitals);
            Map<String, RuleFinding> byKey = new HashMap<>();
            actual.forEach(f -> byKey.put(f.key(), f));
            List<String> missing = new ArrayList<>();
            List<String> wrong = new ArrayList<>();
            for (GoldenCase.Expected e : golden.findings()) {
                RuleFinding f = byKey.remove(e.key());
                if (f == null) {
                    missing.add(e.key());
                    continue;
                }
                BigDecimal over = e.expectedOverpayment();
                if (over != null && (f.overpayment() == null || over.compareTo(f.overpayment()) != 0)) {
                    wrong.add(e.key() + " overpayment expected " + over.toPlainString() + " got " + f.overpayment()
                            + (f.unpricedReason() == null ? "" : " (unpriced: " + f.unpricedReason() + ")"));
                }
                if (e.patientRefund() != null && (f.patientRefund() == null || e.patientRefund().compareTo(f.patientRefund()) != 0)) {
                    wrong.add(e.key() + " patientRefund expected " + e.patientRefund().toPlainString() + " got " + f.patientRefund());
                }
                if (e.unpriced() != null && e.unpriced() != (f.unpricedReason() != null)) {
                    wrong.add(e.key() + (e.unpriced() ? " expected unpriced, got overpayment " + f.overpayment()
                            : " expected priced, got unpriced: " + f.unpricedReason()));
                }
                if (e.correctGroup() != null && !e.correctGroup().equals(f.correctGroup())) {
                    wrong.add(e.key() + " correctGroup expected " + e.correctGroup() + " got " + f.correctGroup());
                }
            }
            List<String> unexpected = byKey.keySet().stream().sorted().toList();
            if (missing.isEmpty() && unexpected.isEmpty() && wrong.isEmpty()) {
                return null;
            }
            return new RegressionReport.Failure(name, missing, unexpected, wrong, null);
        } catch (RuntimeException e) {
            return new RegressionReport.Failure(name, List.of(), List.of(), List.of(), e.getMessage());
        }
    }

    private GoldenCase read(String name) {
        return CanonicalJson.read(text(name, "expected.json"), GoldenCase.class);
    }

    private List<RuleFinding> evaluate(String name, GoldenCase golden, RuleSession session, KnowledgeSnapshot knowledge,
                                       Map<String, HospitalInfo> hospitals) {
        Set<String> codes = hospitals.keySet();
        String leaf = name.substring(name.lastIndexOf('/') + 1);
        List<SettledCase> cases = NdjsonRecords.cases(leaf + "/cases.ndjson", text(name, "cases.ndjson"), codes);
        String visitsFile = files.get(name + "/outpatient.ndjson");
        List<OutpatientVisit> visits = visitsFile != null
                ? NdjsonRecords.visits(leaf + "/outpatient.ndjson", visitsFile, codes) : List.of();
        AuditCaseFactory factory = new AuditCaseFactory(knowledge, hospitals, YearMonth.parse(golden.month()));
        Map<String, List<SettledCase>> byPatient = cases.stream().collect(Collectors.groupingBy(SettledCase::patientId));
        List<Object> facts = new ArrayList<>();
        byPatient.forEach((patient, stays) -> facts.addAll(factory.facts(stays,
                visits.stream().filter(v -> v.patientId().equals(patient)).toList()).forRules()));
        return session.evaluate(facts);
    }

    private String text(String name, String file) {
        String text = files.get(name.isEmpty() ? file : name + "/" + file);
        if (text == null) {
            throw new IllegalStateException("test-cases/" + name + "/" + file + " is missing");
        }
        return text;
    }
}
