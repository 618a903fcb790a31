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
 * surgery (DP-03) regroup elsewhere, and the other plants keep their group. Each demo year is generated and
 * regrouped with the knowledge set in force that year: 2024 under CHS-DRG 1.1, 2025 under CHS-DRG 2.0.
 */
class DemoYearGroupingTest {

    @Test
    void everyOrdinaryCaseOf2024RegroupsToItsClaimedGroupUnderChsDrg11() {
        everyOrdinaryCaseRegroupsToItsClaimedGroup(2024, "CHS-DRG-1.1", List.of("DP-03", "DP-04", "HC-01", "HC-03"));
    }

    @Test
    void everyOrdinaryCaseOf2025RegroupsToItsClaimedGroupUnderChsDrg20() {
        // 2.0 also refuses a principal code its lists mark as not valid as principal: the DP-04 plants and the DP-05
        // plants, whose out-of-stay procedure is coded first, give 0000 with that reason
        everyOrdinaryCaseRegroupsToItsClaimedGroup(2025, "CHS-DRG-2.0", List.of("DP-03", "DP-04", "DP-05", "HC-01", "HC-03"));
    }

    private static void everyOrdinaryCaseRegroupsToItsClaimedGroup(int year, String version, List<String> regroupedPlants) {
        KnowledgeSnapshot kb = KnowledgeSnapshot.parse(1, "KB-demo", KnowledgeService.readFolder(Path.of("knowledge-base")));
        GrouperTables tables = kb.grouper(version);
        assertTrue(tables.canGroup(), "the demo grouper folder has the decision tables");
        StringWriter cases = new StringWriter();
        StringWriter labels = new StringWriter();
        DemoGenerator generator = new DemoGenerator(kb, "demo", year);
        generator.generate(new DemoGenerator.Settings("demo", YearMonth.of(year, 1),
                YearMonth.of(year, 12), 1500, 11, 0.06), cases, new StringWriter(), labels);
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
            assertEquals(version, c.grouping().version(), c.caseId() + " is claimed under the version in force");
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
        assertEquals(regroupedPlants, List.copyOf(byRule.keySet()), disagreements.toString());
    }
}
