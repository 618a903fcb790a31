package org.drgaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.rules.facts.RuleFinding;
import org.junit.jupiter.api.Test;

/**
 * docs/clearing.md's table "How each family is priced" names a golden case per family with its overpayment and refund:
 * each row is recomputed by running that golden case through the rules, so the documented worked examples and the
 * rules cannot drift apart.
 */
class MoneyWorkedExamplesTest {

    private static final Pattern ROW = Pattern.compile("^\\|[^|]*\\|[^|]*\\|[^|]*\\|[^|]*\\| `([a-z-]+/[A-Za-z0-9-]+)`[^|]*\\|([^|]*)\\|([^|]*)\\|$");

    private record Example(String folder, String overpayment, String refund) {
    }

    private static List<Example> examples() throws IOException {
        List<Example> out = new ArrayList<>();
        boolean inTable = false;
        for (String line : Files.readAllLines(Path.of("docs/clearing.md"))) {
            if (line.startsWith("### How each family is priced")) {
                inTable = true;
            } else if (inTable && line.startsWith("### ")) {
                break;
            }
            Matcher m = ROW.matcher(line);
            if (inTable && m.matches()) {
                out.add(new Example(m.group(1), m.group(2).strip(), m.group(3).strip()));
            }
        }
        return out;
    }

    @Test
    void everyFamilysWorkedExampleInTheClearingDocsIsWhatTheRulesGive() throws IOException {
        List<Example> examples = examples();
        assertTrue(examples.size() >= 12, "the table lists a worked example per family: " + examples);
        KnowledgeSnapshot kb = KnowledgeSnapshot.parse(1, "KB", KnowledgeService.readFolder(Path.of("knowledge-base")));
        CompiledRuleBase rules = RuleCompiler.compile(RuleBaseService.readFolder(Path.of("rules-drl")));
        RegressionSuite suite = new RegressionSuite(Path.of("test-cases"));
        for (Example e : examples) {
            List<RuleFinding> findings = suite.findings(e.folder(), rules, kb);
            assertEquals(1, findings.size(), e.folder() + " gives one finding: " + findings);
            RuleFinding f = findings.get(0);
            switch (e.overpayment()) {
                case "unpriced" -> assertNotNull(f.unpricedReason(), e + " → " + f);
                case "none" -> {
                    assertNull(f.overpayment(), e + " → " + f);
                    assertNull(f.unpricedReason(), e + " → " + f);
                }
                default -> assertEquals(0, new BigDecimal(e.overpayment()).compareTo(f.overpayment()), e + " → " + f);
            }
            if (!e.refund().isEmpty()) {
                assertEquals(0, new BigDecimal(e.refund()).compareTo(f.patientRefund()), e + " → " + f);
            }
        }
    }
}
