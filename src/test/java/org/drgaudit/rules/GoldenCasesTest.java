package org.drgaudit.rules;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden case in test-cases/ gives exactly its expected findings, and every rule has a hit
 * and a miss. The same suite runs in the service before a rule base goes live.
 */
class GoldenCasesTest {

    private static final RegressionSuite SUITE = new RegressionSuite(Path.of("test-cases"));
    private static CompiledRuleBase rules;
    private static KnowledgeSnapshot knowledge;

    @BeforeAll
    static void compile() {
        rules = RuleCompiler.compile(RuleBaseService.readFolder(Path.of("rules-drl")));
        knowledge = KnowledgeSnapshot.parse(1, "KB-test", KnowledgeService.readFolder(Path.of("knowledge-base")));
    }

    static List<String> goldenCases() {
        return SUITE.caseNames();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenCases")
    void goldenCaseGivesExactlyItsExpectedFindings(String name) {
        RegressionReport.Failure failure = SUITE.check(name, rules, knowledge);
        assertNull(failure, () -> name + " → " + failure + "\nactual: " + SUITE.findings(name, rules, knowledge));
    }

    @Test
    void everyRuleHasAHitAndAMiss() {
        Set<String> names = SUITE.caseNames().stream().map(n -> n.substring(n.indexOf('/') + 1)).collect(Collectors.toSet());
        for (RuleInfo rule : rules.rules()) {
            assertTrue(names.stream().anyMatch(n -> n.startsWith(rule.id() + "-hit")), rule.id() + " has a hit case");
            assertTrue(names.stream().anyMatch(n -> n.startsWith(rule.id() + "-miss")), rule.id() + " has a miss case");
        }
        assertFalse(names.isEmpty());
    }
}
