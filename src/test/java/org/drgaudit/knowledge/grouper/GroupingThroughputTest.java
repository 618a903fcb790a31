package org.drgaudit.knowledge.grouper;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
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
 * Grouping throughput, regrouping alone, over the national CHS-DRG 1.1 and 2.0 tables: one thread
 * groups the cases of a generated national month (built and parsed beforehand) again and again without
 * a path, as a sweep does, and prints cases per second of that thread's CPU time after a warm-up. Not part of
 * the default build: {@code mvn -B verify -Pbenchmark -Dtest=GroupingThroughputTest
 * -Dsurefire.failIfNoSpecifiedTests=false} (docs/performance.md). Skipped without ../shared/data.
 */
@Tag("benchmark")
class GroupingThroughputTest {

    private static final Path DATA = Path.of("../shared/data");
    private static final Path WEIGHTS = DATA.resolve("harbin-chs-drg-weights/weights_2024.tsv");

    @Test
    void groupingThroughputOverTheNationalTables() {
        assumeTrue(Files.isDirectory(DATA.resolve("chs-drg-opendrg/v1.1")) && Files.isDirectory(DATA.resolve("chs-drg-2.0")),
                "../shared/data (national CHS-DRG tables) is not present; skipping the grouping throughput benchmark");
        int cases = Integer.getInteger("benchmark.cases", 100_000);
        double v11 = throughput(DATA.resolve("chs-drg-opendrg/v1.1"), "CHS-DRG-1.1", cases);
        double v20 = throughput(DATA.resolve("chs-drg-2.0"), "CHS-DRG-2.0", cases);
        assertTrue(v11 > 0 && v20 > 0);
    }

    private static double throughput(Path tables, String version, int n) {
        Path out = Path.of("target/knowledge-throughput-" + version);
        OfficialTablesImport.run(tables, WEIGHTS, Path.of("knowledge-base"), out, version, "national", new BigDecimal("12252.70"));
        KnowledgeSnapshot kb = KnowledgeSnapshot.parse(1, "KB-" + version, KnowledgeService.readFolder(out));
        Grouper grouper = kb.grouper(version).grouper();
        // the 1.1 generator draws codings from the version's own lists; its claims do not matter here
        StringWriter written = new StringWriter();
        new DemoGenerator(kb, "demo", 2024).generate(new DemoGenerator.Settings("demo", YearMonth.of(2024, 6), YearMonth.of(2024, 6),
                n, 11, 0.04), written, new StringWriter(), new StringWriter());
        List<GroupingCase> cases = new ArrayList<>();
        written.toString().lines().filter(l -> !l.isBlank())
                .forEach(l -> cases.add(GroupingService.groupingCase(CanonicalJson.read(l, SettledCase.class))));
        long sink = 0;
        for (int pass = 0; pass < 10; pass++) {
            for (GroupingCase c : cases) {
                sink += grouper.group(c, false).drg().hashCode();
            }
        }
        int passes = 10;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        for (int pass = 0; pass < passes; pass++) {
            for (GroupingCase c : cases) {
                sink += grouper.group(c, false).drg().hashCode();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        // the thread's own CPU time is the per-core figure even when other processes share the machine
        double rate = passes * cases.size() / cpuSeconds;
        System.out.printf("grouping throughput %s: %,d cases × %d passes in %.2f s CPU (%.2f s wall) = %,.0f cases per CPU second "
                + "(checksum %d)%n", version, cases.size(), passes, cpuSeconds, seconds, rate, sink);
        return rate;
    }
}
