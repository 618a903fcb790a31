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
        // the 2025 parameters name 2.0's long-ventilation ADRG; re-pointed at 1.1 tables, the summary says so
        assertTrue(summary.notes().stream().anyMatch(n -> n.startsWith("parameters/demo-2025.yaml: longVentilationAdrgs names [AH2]")),
                summary.notes().toString());
        assertTrue(summary.notes().stream().noneMatch(n -> n.startsWith("parameters/demo-2024.yaml")), summary.notes().toString());

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
    void theImportKeepsEveryEntryCodeFollowsTheSchemesMdczAndLeavesQyToTheRegion() throws Exception {
        var summary = OfficialTablesImport.run(TABLES, WEIGHTS, Path.of("knowledge-base"), OUT, "CHS-DRG-1.1", "national-2024",
                new BigDecimal("12252.70"));
        assertEquals(4, summary.entryCodesAddedToDictionaries(), summary.notes().toString());
        KnowledgeSnapshot kb = KnowledgeSnapshot.parse(1, "KB-national", KnowledgeService.readFolder(OUT));
        GrouperTables g = kb.grouper("CHS-DRG-1.1");
        // the older codes OpenDRG's lists still use stay in their ADRGs, named after the code they map to
        assertTrue(g.adrgs().get("GZ1").principalDiagnoses().containsAll(java.util.List.of("K43.900", "K43.900x001", "K43.902")));
        assertTrue(g.adrgs().get("PU1").principalDiagnoses().contains("P78.300x004"));
        assertTrue(kb.diagnosis("K43.900").name().contains("K43.600"), kb.diagnosis("K43.900").name());
        assertEquals("GZ1", g.grouper().group(new org.drgaudit.knowledge.grouper.GroupingCase("K43.900", java.util.List.of(),
                java.util.List.of(), "M", 50, null, null, null, null)).adrg());
        // MDCZ's body-site markers became site lists, not diagnosis codes
        assertTrue(g.mdcsOfPrincipal().keySet().stream().noneMatch(dx -> dx.endsWith("创伤")));
        assertTrue(Files.readString(OUT.resolve("grouper/CHS-DRG-1.1/mdc_rules.tsv")).contains("count(intersect(zdList,mdc_site1)"));
        // no QY rows unless asked for
        assertTrue(g.grouper().rules().mdcs().stream().flatMap(m -> m.adrgs().stream()).noneMatch(a -> a.ambiguousCheck()));
        java.util.List<String[]> rows = java.util.List.of(
                new String[] {"MDCB", "1", "BB1", "主手术匹配", "contains(adrg_ss,ssList[0])", "BB19"},
                new String[] {"MDCB", "2", "BR1", "主诊断匹配", "contains(adrg_zd,zdList[0])", "BR19"},
                new String[] {"MDCZ", "1", "ZZ1", "无手术", "ssList.length==0", "ZZ19"});
        String withQy = OpenDrgLayout.adrgRules(rows, true, new java.util.ArrayList<>());
        assertTrue(withQy.contains("MDCB\t15\tBQY\t歧义组\tintersect(ssList,SS_VALID)\tBQY"), withQy);
        assertTrue(!withQy.contains("ZQY"), "MDCZ, tried before the body systems, has no QY");
        assertTrue(!OpenDrgLayout.adrgRules(rows, false, new java.util.ArrayList<>()).contains("QY\t"));
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
