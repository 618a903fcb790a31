package org.drgaudit.knowledge.grouper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drgaudit.cases.SettledCase;
import org.drgaudit.demo.DemoGenerator;
import org.drgaudit.knowledge.GrouperTables;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.shared.CanonicalJson;
import org.junit.jupiter.api.Test;

/**
 * The demo knowledge base's grouper agrees with every group the generator claims, except where a
 * violation was planted on purpose: the planted upcoding (HC-03) and the surgical groups without
 * surgery (DP-03) regroup elsewhere, and the other plants keep their group.
 */
class DemoYearGroupingTest {

    @Test
    void everyOrdinaryCaseRegroupsToItsClaimedGroup() {
        KnowledgeSnapshot kb = KnowledgeSnapshot.parse(1, "KB-demo", KnowledgeService.readFolder(Path.of("knowledge-base")));
        GrouperTables tables = kb.grouper("CHS-DRG-1.1");
        assertTrue(tables.canGroup(), "the demo grouper folder has the decision tables");
        StringWriter cases = new StringWriter();
        StringWriter labels = new StringWriter();
        DemoGenerator generator = new DemoGenerator(kb, "demo", 2024);
        generator.generate(new DemoGenerator.Settings("demo", YearMonth.of(2024, 1),
                YearMonth.of(2024, 12), 1500, 11, 0.06), cases, new StringWriter(), labels);
        // the generator aims every draft at a group by its own choice of codes; over the demo tables the grouper
        // must agree with every aim, so the generator never had to take the tables' group instead
        assertEquals(0, generator.claimsRealigned(), "drafts the demo grouper put elsewhere than the generator aimed");
        Map<String, String> plantedRule = new HashMap<>();
        labels.toString().lines().filter(l -> !l.isBlank())
                .map(l -> CanonicalJson.read(l, DemoGenerator.Label.class)).forEach(l -> plantedRule.put(l.caseId(), l.ruleId()));

        Map<String, Integer> disagreements = new TreeMap<>();
        int ordinary = 0;
        for (String line : cases.toString().lines().filter(l -> !l.isBlank()).toList()) {
            SettledCase c = CanonicalJson.read(line, SettledCase.class);
            GroupingResult r = tables.grouper().group(org.drgaudit.knowledge.GroupingService.groupingCase(c), false);
            String rule = plantedRule.getOrDefault(c.caseId(), "none");
            if (rule.equals("none")) {
                ordinary++;
            }
            if (!r.drg().equals(c.groupCode())) {
                disagreements.merge(rule + " " + c.groupCode() + "→" + r.drg(), 1, Integer::sum);
            }
        }
        assertTrue(ordinary > 15_000, "ordinary cases: " + ordinary);
        Map<String, Integer> byRule = new TreeMap<>();
        disagreements.forEach((k, v) -> byRule.merge(k.substring(0, k.indexOf(' ')), v, Integer::sum));
        assertEquals(List.of("DP-03", "DP-04", "HC-01", "HC-03"), List.copyOf(byRule.keySet()), disagreements.toString());
    }
}
