package org.drgaudit.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.drgaudit.cases.SettledCase;
import org.drgaudit.knowledge.GroupEntry;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSet;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.shared.CanonicalJson;
import org.junit.jupiter.api.Test;

/**
 * A planted high-coding claim (HC-01: the severity without the complication) keeps the cost of the care given, but is
 * one violation as its label says: never also a low-cost case (TL-01) against the heavier group it claims. Under
 * CHS-DRG 2.0 a severity's weight can lie far above the uncomplicated one (GS11 over GS15), which once made the demo's
 * 2025 year report a TL-01 the labels did not plant. Checked on the demo start's own 2025 year (default size and seed).
 */
class DemoPlantCostTest {

    @Test
    void noHighCodingPlantOfTheDemoYearsIsAlsoALowCostCase() {
        KnowledgeSnapshot kb = KnowledgeSnapshot.parse(1, "KB-demo", KnowledgeService.readFolder(Path.of("knowledge-base")));
        for (int year : List.of(2024, 2025)) {
            StringWriter cases = new StringWriter();
            StringWriter labels = new StringWriter();
            // as DemoLoader: 3,000 cases a month, seed 20240101 + (year − 2024), 4% violations
            new DemoGenerator(kb, "demo", year).generate(new DemoGenerator.Settings("demo", year, 3000,
                    20240101L + (year - 2024), 0.04), cases, new StringWriter(), labels);
            Set<String> highCoding = labels.toString().lines().filter(l -> !l.isBlank())
                    .map(l -> CanonicalJson.read(l, DemoGenerator.Label.class))
                    .filter(l -> l.ruleId().equals("HC-01")).map(DemoGenerator.Label::caseId).collect(Collectors.toSet());
            KnowledgeSet set = kb.setFor("demo", java.time.LocalDate.of(year, 6, 1));
            BigDecimal lowCostRatio = set.parameters().getTooLittleService().getLowCostRatio();
            List<String> lowCost = new ArrayList<>();
            int checked = 0;
            for (String line : cases.toString().lines().filter(l -> !l.isBlank()).toList()) {
                SettledCase c = CanonicalJson.read(line, SettledCase.class);
                if (highCoding.contains(c.caseId())) {
                    checked++;
                    GroupEntry g = set.catalogue().get(c.groupCode());
                    if (c.totalCost().compareTo(g.standardCost().multiply(lowCostRatio)) < 0) {
                        lowCost.add(c.caseId() + " " + c.groupCode() + " " + c.totalCost() + " < " + lowCostRatio + " × " + g.standardCost());
                    }
                }
            }
            assertTrue(checked > 50, year + ": HC-01 plants checked: " + checked);
            assertEquals(List.of(), lowCost, year + ": HC-01 plants that also read as low-cost stays");
        }
    }
}
