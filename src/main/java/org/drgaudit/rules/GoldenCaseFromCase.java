package org.drgaudit.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.drgaudit.cases.CaseService;
import org.drgaudit.cases.OutpatientVisit;
import org.drgaudit.cases.SettledCase;
import org.drgaudit.knowledge.PolicyParameters;
import org.drgaudit.rules.facts.RuleFinding;
import org.drgaudit.shared.CanonicalJson;
import org.drgaudit.shared.DomainException;

/**
 * Turns a stored case into a golden case of a draft: the case and the patient's stays and outpatient visits a sweep
 * reads with it, pseudonymised (new case, patient and visit ids; no doctor or operator codes), and its expected
 * findings: as the policy officer states them, or as the draft's rules find them now (with their money).
 */
@ApplicationScoped
public class GoldenCaseFromCase {

    @Inject
    CaseService cases;

    @Inject
    RuleLifecycleService lifecycle;

    @Inject
    RuleGate gate;

    @Inject
    RuleVersionStore store;

    /** Which case, for which rule, a hit or a miss, why; {@code expected} (optional) with the stored case ids. */
    public record Request(String caseId, String ruleId, String kind, String description, List<GoldenCase.Expected> expected) {
    }

    /** What was added: the golden-case folder, its month, the pseudonyms and the expected findings. */
    public record Added(String folder, String month, Map<String, String> pseudonyms, List<GoldenCase.Expected> expected) {
    }

    public Added add(int number, Request r, String user) {
        if (r == null || r.caseId() == null || r.ruleId() == null) {
            throw DomainException.badRequest("Fields 'caseId' (a stored case) and 'ruleId' (the rule the golden case is for) are required; "
                    + "'kind' is hit (default) or miss.");
        }
        String kind = r.kind() == null ? "hit" : r.kind();
        if (!kind.equals("hit") && !kind.equals("miss")) {
            throw DomainException.badRequest("Field 'kind' is hit or miss, not '" + kind + "'.");
        }
        RuleBaseVersion v = RuleLifecycleService.find(number);
        VersionFiles files = store.files(v.id);
        RuleGate.Outcome draft = gate.validate(files);
        if (!draft.report().passed()) {
            throw RuleBaseInvalidException.of(draft.report());
        }
        RuleInfo rule = draft.compiled().rules().stream().filter(x -> x.id().equals(r.ruleId())).findFirst()
                .orElseThrow(() -> DomainException.badRequest("Rule " + r.ruleId() + " is not a rule of rule-base version " + number + "."));
        SettledCase target = cases.getCase(r.caseId()).data();
        int lookback = 0;
        int visitWindow = 0;
        for (PolicyParameters p : draft.knowledge().policies()) {
            lookback = Math.max(lookback, p.getSweep().getLookbackDays());
            visitWindow = Math.max(visitWindow, p.getTooLittleService().getCostShiftWindowDays());
        }
        CaseService.PatientRecords records = cases.patientRecords(target.patientId(), target.admissionTime().minusDays(lookback),
                target.dischargeTime(), target.dischargeTime().toLocalDate().plusDays(visitWindow));

        String prefix = rule.family() + "/" + rule.id() + "-" + kind + "-case-";
        int n = 1;
        while (files.testCases().containsKey(prefix + n + "/expected.json")) {
            n++;
        }
        String folder = prefix + n;
        String tag = "GC" + number + "-" + rule.id().replace("-", "") + "-" + n;
        Map<String, String> pseudonyms = new LinkedHashMap<>();
        StringBuilder casesFile = new StringBuilder();
        char letter = 'A';
        for (SettledCase c : records.stays()) {
            String id = tag + "-" + letter++;
            pseudonyms.put(c.caseId(), id);
            ObjectNode node = CanonicalJson.MAPPER.valueToTree(c);
            node.put("caseId", id);
            node.put("patientId", tag + "-P");
            node.remove("attendingDoctor");
            JsonNode procedures = node.get("procedures");
            if (procedures != null) {
                procedures.forEach(p -> ((ObjectNode) p).remove("operatorCode"));
            }
            casesFile.append(CanonicalJson.write(node)).append('\n');
        }
        StringBuilder visitsFile = new StringBuilder();
        int visit = 1;
        for (OutpatientVisit o : records.visits()) {
            ObjectNode node = CanonicalJson.MAPPER.valueToTree(o);
            node.put("visitId", tag + "-V" + visit++);
            node.put("patientId", tag + "-P");
            visitsFile.append(CanonicalJson.write(node)).append('\n');
        }
        String month = YearMonth.from(target.settlementDate()).toString();
        SortedMap<String, String> written = new TreeMap<>();
        written.put(folder + "/cases.ndjson", casesFile.toString());
        if (visitsFile.length() > 0) {
            written.put(folder + "/outpatient.ndjson", visitsFile.toString());
        }
        List<GoldenCase.Expected> expected;
        if (r.expected() != null) {
            expected = r.expected().stream().map(e -> new GoldenCase.Expected(e.ruleId(), e.caseIds().stream()
                    .map(id -> {
                        String p = pseudonyms.get(id);
                        if (p == null) {
                            throw DomainException.badRequest("Expected finding names case " + id + ", which is not among the "
                                    + "patient's stays taken into the golden case " + pseudonyms.keySet() + ".");
                        }
                        return p;
                    }).toList(), null, e.expectedOverpayment(), e.patientRefund(), e.unpriced(), e.correctGroup())).toList();
        } else {
            written.put(folder + "/expected.json", CanonicalJson.write(new GoldenCase(month, "", List.of())));
            RegressionSuite suite = new RegressionSuite(written);
            List<RuleFinding> found = suite.findings(folder, draft.compiled(), draft.knowledge());
            expected = new ArrayList<>();
            for (RuleFinding f : found) {
                expected.add(new GoldenCase.Expected(f.ruleId(), f.caseIds(), null,
                        f.unpricedReason() == null ? f.overpayment() : null, f.patientRefund(),
                        f.unpricedReason() != null ? Boolean.TRUE : null, f.correctGroup()));
            }
        }
        boolean fires = expected.stream().anyMatch(e -> e.ruleId().equals(rule.id()));
        if (kind.equals("hit") != fires) {
            throw DomainException.badRequest("Case " + r.caseId() + " is to be a " + kind + " of " + rule.id() + ", but its expected findings "
                    + (fires ? "include " : "do not include ") + rule.id() + " (" + expected.stream().map(GoldenCase.Expected::key).toList()
                    + "); choose another case or state the expected findings.");
        }
        String description = (r.description() == null || r.description().isBlank() ? "" : r.description().strip() + " ")
                + "（由真实病例转换并假名化，" + records.stays().size() + " 次住院）";
        written.put(folder + "/expected.json", expectedJson(month, description, expected));
        SortedMap<String, String> full = new TreeMap<>();
        written.forEach((path, text) -> full.put(VersionFiles.TEST_CASES + "/" + path, text));
        lifecycle.writeFiles(number, full, user, "golden-case-added", Map.of("folder", folder, "sourceCase", r.caseId(),
                "pseudonyms", pseudonyms));
        return new Added(folder, month, pseudonyms, expected);
    }

    private static String expectedJson(String month, String description, List<GoldenCase.Expected> expected) {
        List<Map<String, Object>> findings = new ArrayList<>();
        for (GoldenCase.Expected e : expected) {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("ruleId", e.ruleId());
            f.put("caseIds", e.caseIds());
            BigDecimal over = e.expectedOverpayment();
            if (over != null) {
                f.put("overpayment", over);
            }
            if (e.patientRefund() != null) {
                f.put("patientRefund", e.patientRefund());
            }
            if (e.unpriced() != null) {
                f.put("unpriced", e.unpriced());
            }
            if (e.correctGroup() != null) {
                f.put("correctGroup", e.correctGroup());
            }
            findings.add(f);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("month", month);
        root.put("description", description);
        root.put("findings", findings);
        try {
            return CanonicalJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
