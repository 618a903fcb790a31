package org.drgaudit.rules;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.drgaudit.knowledge.KnowledgeBaseInvalidException;
import org.drgaudit.knowledge.KnowledgeError;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.shared.DrgAuditConfig;

/**
 * The one gate every change passes, a rule, a parameter or a table alike: the knowledge base loads, the rules
 * compile with their metadata, no condition compares with a threshold written in the DRL, every parameter a rule
 * reads is declared, every explanation template parses; then
 * every golden case gives exactly its expected findings and every rule has a hit and a miss. A change that breaks a
 * golden case fails here unless the same version updates that case; the report names the cases and what differs.
 */
@ApplicationScoped
public class RuleGate {

    @Inject
    DrgAuditConfig config;

    /** A passed gate: the compiled rules and the parsed knowledge base, ready to go live, and the report. */
    public record Passed(CompiledRuleBase compiled, KnowledgeSnapshot knowledge, GateReport report) {
    }

    /** Validation only (no golden cases): the report, FAILED with every fault or VALIDATED. */
    public Outcome validate(VersionFiles files) {
        List<CompileError> errors = new ArrayList<>();
        KnowledgeSnapshot knowledge = null;
        try {
            knowledge = KnowledgeService.parse(files.knowledge());
        } catch (KnowledgeBaseInvalidException e) {
            for (Object o : e.errors()) {
                KnowledgeError k = (KnowledgeError) o;
                errors.add(new CompileError(VersionFiles.KNOWLEDGE + "/" + k.file(), k.line() == null ? null : k.line().intValue(), null, k.message()));
            }
        }
        CompiledRuleBase compiled = null;
        try {
            compiled = RuleCompiler.compile(files.rules());
        } catch (RuleBaseInvalidException e) {
            for (Object o : e.errors()) {
                errors.add(((CompileError) o).inArea(VersionFiles.RULES));
            }
        }
        errors.addAll(LiteralThresholds.check(files.rules()).stream().map(c -> c.inArea(VersionFiles.RULES)).toList());
        if (knowledge != null) {
            errors.addAll(ParameterReferences.check(files.rules(), knowledge.policies()).stream()
                    .map(c -> c.inArea(VersionFiles.RULES)).toList());
        }
        if (compiled != null) {
            errors.addAll(ExplanationTemplates.check(files.rules(), compiled.rules()).stream()
                    .map(c -> c.inArea(VersionFiles.RULES)).toList());
        }
        GateReport report = new GateReport(errors.isEmpty() ? GateReport.VALIDATED : GateReport.FAILED, List.copyOf(errors),
                null, null, null, compiled == null ? 0 : compiled.rules().size(), OffsetDateTime.now());
        return new Outcome(compiled, knowledge, report);
    }

    /** What a gate run gave; {@code compiled} and {@code knowledge} are null when they failed. */
    public record Outcome(CompiledRuleBase compiled, KnowledgeSnapshot knowledge, GateReport report) {
    }

    /** Validation and the golden cases; {@code base} (may be null) is the version the files were drafted from. */
    public Outcome test(VersionFiles files, VersionFiles base) {
        Outcome validated = validate(files);
        if (!validated.report().passed()) {
            return validated;
        }
        RegressionSuite suite = new RegressionSuite(files.testCases());
        RegressionReport regression = suite.run(validated.compiled(), validated.knowledge());
        List<CompileError> errors = new ArrayList<>();
        List<String> coverage = config.rules().requireGoldenCases()
                ? suite.rulesWithoutHitAndMiss(validated.compiled().rules()) : List.of();
        if (regression.passed() + regression.failed() == 0 && config.rules().requireGoldenCases()) {
            errors.add(new CompileError(VersionFiles.TEST_CASES + "/", null, null,
                    "no golden case found; a rule base goes live only after its golden cases pass "
                            + "(set drgaudit.rules.require-golden-cases=false to allow an untested rule base)"));
        }
        boolean passed = regression.failed() == 0 && coverage.isEmpty() && errors.isEmpty();
        GateReport report = new GateReport(passed ? GateReport.TESTED : GateReport.FAILED, errors, regression, coverage,
                base == null ? null : changedCases(files.testCases(), base.testCases()), validated.compiled().rules().size(),
                OffsetDateTime.now());
        return new Outcome(validated.compiled(), validated.knowledge(), report);
    }

    /** Golden-case folders whose files differ between two versions (added, changed or removed). */
    static List<String> changedCases(SortedMap<String, String> files, SortedMap<String, String> base) {
        SortedMap<String, Boolean> changed = new TreeMap<>();
        for (String path : union(files, base)) {
            if (!java.util.Objects.equals(files.get(path), base.get(path))) {
                changed.put(path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : path, true);
            }
        }
        return List.copyOf(changed.keySet());
    }

    private static java.util.Set<String> union(SortedMap<String, String> a, SortedMap<String, String> b) {
        java.util.Set<String> all = new java.util.TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        return all;
    }
}
