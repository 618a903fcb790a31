package org.drgaudit.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.stream.Collectors;
import org.drgaudit.cases.NdjsonRecords;
import org.drgaudit.demo.DemoGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The national CHS-DRG 1.1 tables from ../shared/data load as a knowledge base, and the generator
 * writes codeable, importable cases over them. Skipped, with a message, when the data is absent.
 */
class OfficialTablesImportTest {

    private static final Path TABLES = Path.of("../shared/data/chs-drg-opendrg/v1.1");
    private static final Path WEIGHTS = Path.of("../shared/data/harbin-chs-drg-weights/weights_2024.tsv");
    private static final Path OUT = Path.of("target/knowledge-national");

    @BeforeEach
    void needsTheNationalTables() {
        assumeTrue(Files.isDirectory(TABLES) && Files.exists(WEIGHTS),
                "../shared/data (national CHS-DRG tables) is not present; skipping the official-table import test");
    }

    @Test
    void theNationalTablesLoadWithEveryGroupWeighted() {
        var summary = OfficialTablesImport.run(TABLES, WEIGHTS, Path.of("knowledge-base"), OUT, "CHS-DRG-1.1",
                "national-2024", new BigDecimal("12252.70"));
        assertEquals(628, summary.groups());
        assertEquals(628, summary.weightedFromFile() + summary.weightDerivedFromSiblings() + summary.weightDerivedFromMdc());
        assertTrue(summary.weightedFromFile() >= 400, summary.toString());

        KnowledgeSnapshot kb = KnowledgeSnapshot.parse(1, "KB-national", KnowledgeService.readFolder(OUT));
        assertEquals(628, kb.catalogue("national-2024").size());
        GrouperTables g = kb.grouper("CHS-DRG-1.1");
        assertEquals(4678, g.mcc().size());
        assertEquals(16568, g.cc().size());
        assertEquals(376, g.adrgs().size());
        assertTrue(kb.diagnoses().size() > 30000);
        assertEquals("F", kb.diagnosis("O80.000").sex());
        assertEquals(28, kb.diagnosis("P22.000").maxAgeDays());
    }

    @Test
    void theGeneratorWritesImportableCasesOverTheNationalTables() {
        OfficialTablesImport.run(TABLES, WEIGHTS, Path.of("knowledge-base"), OUT, "CHS-DRG-1.1", "national-2024",
                new BigDecimal("12252.70"));
        KnowledgeSnapshot kb = KnowledgeSnapshot.parse(1, "KB-national", KnowledgeService.readFolder(OUT));
        StringWriter cases = new StringWriter();
        var counts = new DemoGenerator(kb, "demo", 2024).generate(new DemoGenerator.Settings("demo",
                YearMonth.of(2024, 6), YearMonth.of(2024, 6), 2000, 3, 0.04), cases, new StringWriter(), new StringWriter());
        var codes = kb.hospitals().stream().map(KnowledgeSnapshot.KnowledgeHospital::code).collect(Collectors.toSet());
        var parsed = NdjsonRecords.cases("national cases", cases.toString(), codes);
        assertEquals(counts.cases(), parsed.size());
        assertTrue(parsed.stream().map(c -> c.grouping().code()).distinct().count() > 300,
                "cases spread over the national groups");
    }
}
