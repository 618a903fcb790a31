package org.drgaudit.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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

    private final Path root;

    public RegressionSuite(Path root) {
        this.root = root;
    }

    /** Every folder holding an {@code expected.json}, relative to the root, in order. */
    public List<String> caseNames() {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().equals("expected.json"))
                    .map(p -> root.relativize(p.getParent()).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every golden case with what it expects, in folder order (reads the files; runs nothing). */
    public List<GoldenCaseView> describe() {
        java.util.regex.Pattern folder = java.util.regex.Pattern.compile("([A-Z]+-\\d+)-(hit|miss)(?:-\\d+)?");
        List<GoldenCaseView> out = new ArrayList<>();
        for (String name : caseNames()) {
            GoldenCase g = read(root.resolve(name));
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
        try (RuleSession session = rules.newSession()) {
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
        try (RuleSession session = rules.newSession()) {
            return evaluate(root.resolve(name), read(root.resolve(name)), session, knowledge, hospitalsOf(knowledge));
        }
    }

    /** Checks one golden case folder; null when it gives exactly its expected findings. */
    public RegressionReport.Failure check(String name, CompiledRuleBase rules, KnowledgeSnapshot knowledge) {
        try (RuleSession session = rules.newSession()) {
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
        Path dir = root.resolve(name);
        try {
            GoldenCase golden = read(dir);
            List<RuleFinding> actual = evaluate(dir, golden, session, knowledge, hospitals);
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

    private static GoldenCase read(Path dir) {
        return CanonicalJson.read(text(dir.resolve("expected.json")), GoldenCase.class);
    }

    private static List<RuleFinding> evaluate(Path dir, GoldenCase golden, RuleSession session, KnowledgeSnapshot knowledge,
                                              Map<String, HospitalInfo> hospitals) {
        Set<String> codes = hospitals.keySet();
        List<SettledCase> cases = NdjsonRecords.cases(dir.getFileName() + "/cases.ndjson", text(dir.resolve("cases.ndjson")), codes);
        Path visitsFile = dir.resolve("outpatient.ndjson");
        List<OutpatientVisit> visits = Files.exists(visitsFile)
                ? NdjsonRecords.visits(dir.getFileName() + "/outpatient.ndjson", text(visitsFile), codes) : List.of();
        AuditCaseFactory factory = new AuditCaseFactory(knowledge, hospitals, YearMonth.parse(golden.month()));
        Map<String, List<SettledCase>> byPatient = cases.stream().collect(Collectors.groupingBy(SettledCase::patientId));
        List<AuditCase> facts = new ArrayList<>();
        byPatient.forEach((patient, stays) -> facts.addAll(factory.build(stays,
                visits.stream().filter(v -> v.patientId().equals(patient)).toList())));
        return session.evaluate(facts);
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
