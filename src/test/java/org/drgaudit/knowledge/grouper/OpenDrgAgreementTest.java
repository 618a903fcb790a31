package org.drgaudit.knowledge.grouper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.drgaudit.cases.SettledCase;
import org.drgaudit.demo.DemoGenerator;
import org.drgaudit.knowledge.GroupingService;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.knowledge.OfficialTablesImport;
import org.drgaudit.shared.CanonicalJson;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The grouper over the national CHS-DRG 1.1 tables against OpenDRG's independent 1.1 grouper, case by
 * case: a generated national month (the demo generator) and random codings drawn from the tables
 * ({@link RandomCodings}, with the inputs a grouper cannot decide mixed in). Among the cases both
 * accept, the DRG must be the same on at least 99.9%; every case OpenDRG refuses we refuse too. The
 * report (counts, refusals by reason, each kind of disagreement with an example) is printed and written
 * to {@code target/opendrg-agreement.txt}.
 *
 * <p>Needs {@code ../shared/data} and OpenDRG's jar (built beside the project, never committed; see
 * docs/grouper.md); skipped with a message otherwise. Not part of the default build (about two minutes):
 * {@code mvn -B verify -Popendrg -Dtest=OpenDrgAgreementTest -Dsurefire.failIfNoSpecifiedTests=false}.
 * Sizes: {@code -Dopendrg.demoCases}, {@code -Dopendrg.randomCases} (30,000 each by default).
 */
@Tag("opendrg")
class OpenDrgAgreementTest {

    private static final Path TABLES = Path.of("../shared/data/chs-drg-opendrg/v1.1");
    private static final Path WEIGHTS = Path.of("../shared/data/harbin-chs-drg-weights/weights_2024.tsv");
    private static final Path OUT = Path.of("target/knowledge-opendrg-agreement");
    private static final Path REPORT = Path.of("target/opendrg-agreement.txt");

    @Test
    void theNationalGrouperAgreesWithOpenDrg() throws Exception {
        assumeTrue(Files.isDirectory(TABLES) && Files.exists(WEIGHTS),
                "../shared/data (national CHS-DRG tables) is not present; skipping the OpenDRG comparison");
        try (OpenDrgGrouper openDrg = OpenDrgGrouper.loadIfBuilt()) {
            assumeTrue(openDrg != null, "OpenDRG's CHS-DRG 1.1 grouper is not built at " + OpenDrgGrouper.jar().toAbsolutePath()
                    + " (-Dopendrg.jar=…); see docs/grouper.md; skipping the OpenDRG comparison");
            OfficialTablesImport.run(TABLES, WEIGHTS, Path.of("knowledge-base"), OUT, "CHS-DRG-1.1", "national-2024",
                    new BigDecimal("12252.70"));
            KnowledgeSnapshot kb = KnowledgeSnapshot.parse(1, "KB-national", KnowledgeService.readFolder(OUT));
            Grouper ours = kb.grouper("CHS-DRG-1.1").grouper();

            Comparison demo = new Comparison("generated national month (DemoGenerator)");
            StringWriter cases = new StringWriter();
            new DemoGenerator(kb, "demo", 2024).generate(new DemoGenerator.Settings("demo", YearMonth.of(2024, 6),
                    YearMonth.of(2024, 6), Integer.getInteger("opendrg.demoCases", 30_000), 17, 0.0), cases, new StringWriter(),
                    new StringWriter());
            for (String line : cases.toString().lines().filter(l -> !l.isBlank()).toList()) {
                demo.add(GroupingService.groupingCase(CanonicalJson.read(line, SettledCase.class)), ours, openDrg);
            }
            Comparison random = new Comparison("random codings from the tables (RandomCodings)");
            RandomCodings codings = new RandomCodings(kb.grouper("CHS-DRG-1.1"),
                    RandomCodings.sites(Files.readString(OUT.resolve("grouper/CHS-DRG-1.1/mdc_sites.tsv")), "MDCZ"), 20241201L);
            for (int i = Integer.getInteger("opendrg.randomCases", 30_000); i > 0; i--) {
                random.add(codings.next(), ours, openDrg);
            }

            String report = demo.report() + "\n" + random.report();
            Files.writeString(REPORT, report, StandardCharsets.UTF_8);
            System.out.println(report);
            long both = demo.bothAccept + random.bothAccept;
            long same = demo.same + random.same;
            assertTrue(both >= 50_000, "cases both groupers accept: " + both);
            assertTrue(same * 1000 >= both * 999, String.format("same DRG on %d of %d (%.3f%%); see %s", same, both,
                    100.0 * same / both, REPORT));
            assertEquals(0, demo.onlyTheyRefuse + random.onlyTheyRefuse, "every case OpenDRG refuses, we refuse too; see " + REPORT);
        }
    }

    /** The counts of one set of cases. */
    private static final class Comparison {
        final String name;
        long total;
        long bothAccept;
        long same;
        long bothRefuse;
        long onlyWeRefuse;
        long onlyTheyRefuse;
        final Map<String, Long> ourRefusals = new TreeMap<>();
        final Map<String, Long> differences = new TreeMap<>();
        final Map<String, String> examples = new LinkedHashMap<>();

        Comparison(String name) {
            this.name = name;
        }

        void add(GroupingCase c, Grouper ours, OpenDrgGrouper theirs) throws Exception {
            total++;
            GroupingResult r = ours.group(c, false);
            OpenDrgGrouper.Answer a = theirs.group(c);
            boolean weRefuse = r.cause() != null && r.cause().dataQuality();
            if (weRefuse) {
                ourRefusals.merge(r.cause().name(), 1L, Long::sum);
            }
            if (weRefuse && a.refused()) {
                bothRefuse++;
            } else if (weRefuse) {
                onlyWeRefuse++;
                note("we refuse (" + r.cause() + "), OpenDRG groups", c, a);
            } else if (a.refused()) {
                onlyTheyRefuse++;
                note("OpenDRG refuses, we group", c, a);
            } else {
                bothAccept++;
                if (r.drg().equals(a.drg())) {
                    same++;
                } else {
                    note(r.drg() + " (ours) ≠ " + a.drg() + " (OpenDRG)", c, a);
                }
            }
        }

        private void note(String kind, GroupingCase c, OpenDrgGrouper.Answer a) {
            differences.merge(kind, 1L, Long::sum);
            examples.putIfAbsent(kind, c + " → OpenDRG: " + a.messages().stream()
                    .filter(m -> m.startsWith("符合") || m.startsWith("不符合") || m.contains("部位") || m.contains("体重")
                            || m.contains("性别")).toList());
        }

        String report() {
            StringBuilder sb = new StringBuilder();
            sb.append(name).append(": ").append(total).append(" cases; both accept ").append(bothAccept).append(", same DRG ")
                    .append(same).append(String.format(" (%.3f%%)", bothAccept == 0 ? 0.0 : 100.0 * same / bothAccept))
                    .append("; both refuse ").append(bothRefuse).append(", only we refuse ").append(onlyWeRefuse)
                    .append(", only OpenDRG refuses ").append(onlyTheyRefuse).append('\n');
            sb.append("  our refusals by cause: ").append(ourRefusals).append('\n');
            List<Map.Entry<String, Long>> sorted = new ArrayList<>(differences.entrySet());
            sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed());
            for (Map.Entry<String, Long> e : sorted) {
                sb.append("  ").append(e.getValue()).append(" × ").append(e.getKey()).append("\n      e.g. ")
                        .append(examples.get(e.getKey())).append('\n');
            }
            return sb.toString();
        }
    }
}
