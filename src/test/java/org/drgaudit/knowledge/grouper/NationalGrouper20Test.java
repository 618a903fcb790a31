package org.drgaudit.knowledge.grouper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.drgaudit.knowledge.GrouperTables;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.knowledge.OfficialTablesImport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The grouper over the national CHS-DRG 2.0 tables ({@code ../shared/data/chs-drg-2.0}, imported by
 * {@link OfficialTablesImport}): the tables compile, every rule shape groups as the scheme says, and,
 * with no second 2.0 engine to compare with, the tables are checked by construction: for every ADRG,
 * cases built from its entry rule in the source tables ({@link EntryRuleCases}) reach it unless an
 * earlier ADRG in the order takes them, and the test says which. Skipped, with a message, when
 * ../shared/data is absent.
 */
class NationalGrouper20Test {

    private static final Path TABLES = Path.of("../shared/data/chs-drg-2.0");
    private static final Path WEIGHTS = Path.of("../shared/data/harbin-chs-drg-weights/weights_2024.tsv");
    private static final Path OUT = Path.of("target/knowledge-national-2.0");
    private static KnowledgeSnapshot kb;
    private static OfficialTablesImport.Summary summary;

    @BeforeEach
    void needsTheNationalTables() {
        assumeTrue(Files.isDirectory(TABLES) && Files.exists(WEIGHTS) && Files.isDirectory(TABLES.resolveSibling("chs-drg-opendrg/icd")),
                "../shared/data (CHS-DRG 2.0 tables and the 医保版 dictionaries) is not present; skipping the 2.0 grouper tests");
        if (kb == null) {
            // 2.0 has no national weights; the 1.1 weights stand in where the codes coincide (grouping does not read them)
            summary = OfficialTablesImport.run(TABLES, WEIGHTS, Path.of("knowledge-base"), OUT, "CHS-DRG-2.0", "national-2025",
                    new BigDecimal("12252.70"));
            kb = KnowledgeSnapshot.parse(1, "KB-national-2.0", KnowledgeService.readFolder(OUT));
        }
    }

    private static GrouperTables tables() {
        return kb.grouper("CHS-DRG-2.0");
    }

    private static GroupingResult group(String principal, List<String> others, List<String> procedures) {
        return tables().grouper().group(new GroupingCase(principal, others, procedures, "M", 50, null, null, null, null));
    }

    @Test
    void theTablesCompileInTheSchemesOrderWithEverySeverityFromItsSplitCondition() {
        GroupingRules rules = tables().grouper().rules();
        assertEquals(26, rules.mdcs().size());
        assertEquals(List.of("MDCA", "MDCP", "MDCY", "MDCZ", "MDCM", "MDCN", "MDCB"),
                rules.mdcs().stream().limit(7).map(GroupingRules.Mdc::code).toList());
        assertEquals(409, rules.mdcs().stream().flatMap(m -> m.adrgs().stream()).filter(a -> !a.ambiguousCheck()).count());
        assertEquals(0, rules.mdcs().stream().flatMap(m -> m.adrgs().stream()).filter(GroupingRules.Adrg::ambiguousCheck).count(),
                "the national scheme has no QY groups");
        assertEquals(634, rules.drgs().size());
        assertEquals(634, summary.groups());
        assertEquals(76, summary.entryCodesAddedToDictionaries(), "the procedure codes newer than the dictionary are kept");
        // by construction: the severity read from each split condition is what the scheme's code says
        List<String> differ = rules.drgs().values().stream()
                .filter(d -> d.severity() != d.code().charAt(3) - '0').map(d -> d.code() + "=" + d.severity()).toList();
        assertEquals(List.of(), differ);
    }

    @Test
    void everyAdrgIsReachedByCasesBuiltFromItsEntryRuleUnlessAnEarlierAdrgTakesThem() throws Exception {
        EntryRuleCases builder = new EntryRuleCases(TABLES);
        Map<String, Integer> position = new HashMap<>();
        for (GroupingRules.Mdc m : tables().grouper().rules().mdcs()) {
            for (GroupingRules.Adrg a : m.adrgs()) {
                position.put(a.code(), position.size());
            }
        }
        SplittableRandom rnd = new SplittableRandom(20250101L);
        Map<String, Integer> reached = new TreeMap<>();
        Map<String, Integer> takenEarlier = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        int built = 0;
        for (String adrg : builder.rules.keySet()) {
            for (int i = 0; i < 40; i++) {
                GroupingCase c = builder.build(adrg, rnd);
                if (c == null) {
                    continue;
                }
                built++;
                GroupingResult r = tables().grouper().group(c, false);
                if (adrg.equals(r.adrg())) {
                    reached.merge(adrg, 1, Integer::sum);
                } else if (r.adrg() != null && position.get(r.adrg()) < position.get(adrg)) {
                    takenEarlier.merge(adrg + "→" + r.adrg(), 1, Integer::sum);
                } else {
                    wrong.add(adrg + " → " + r.drg() + " " + (r.reason() == null ? "" : r.reason()) + ": " + c);
                }
            }
        }
        List<String> neverReached = builder.rules.keySet().stream().filter(a -> !reached.containsKey(a)).toList();
        System.out.printf("2.0 by construction: %d cases built for %d ADRGs; %d reached their ADRG, taken by an earlier ADRG: %s%n",
                built, builder.rules.size(), reached.values().stream().mapToInt(Integer::intValue).sum(), takenEarlier);
        assertEquals(List.of(), wrong.stream().limit(20).toList(), "cases that met an ADRG's entry rule but went past it");
        assertEquals(List.of(), neverReached, "ADRGs no case built from their own rule reaches");
        assertEquals(409, reached.size());
    }

    @Test
    void hivByAnOtherDiagnosisEntersMdcy() {
        String hiv = kb.grouper("CHS-DRG-2.0").grouper().rules().mdcs().get(2).code();
        assertEquals("MDCY", hiv);
        GroupingResult r = group("J18.900", List.of("B24.x01"), List.of());
        assertEquals("MDCY", r.mdc(), r.toString());
        assertEquals("MDCE", group("J18.900", List.of(), List.of()).mdc());
    }

    @Test
    void multipleTraumaNeedsTwoBodySites() {
        GroupingResult twoSites = group("S72.000", List.of("S27.000"), List.of());
        assertEquals("ZZ1", twoSites.adrg(), twoSites.toString());
        GroupingResult oneSite = group("S72.000", List.of("S72.100"), List.of());
        assertEquals("MDCI", oneSite.mdc(), "one body site is no multiple trauma: " + oneSite);
        List<String> path = tables().grouper().group(new GroupingCase("S72.000", List.of("S27.000"), List.of(), "M", 50, null, null,
                null, null)).trace().stream().map(TraceStep::explanation).toList();
        String entry = path.stream().filter(p -> p.startsWith("符合 MDCZ")).findFirst().orElse("");
        assertTrue(entry.contains("S27.000（胸部创伤）") && entry.contains("S72.000（下肢创伤）"), "the path names both sites: " + path);
    }

    @Test
    void invalidPrincipalCodesGiveUngroupableWithTheReasonInThePath() {
        GroupingResult dx = group("B95.000", List.of(), List.of());
        assertEquals("0000", dx.drg());
        assertEquals(GroupingResult.Cause.PRINCIPAL_DIAGNOSIS_INVALID, dx.cause());
        GroupingResult full = tables().grouper().group(new GroupingCase("B95.000", List.of(), List.of(), "M", 50, null, null, null, null));
        assertTrue(full.trace().get(0).explanation().contains("B95.000") && full.trace().get(0).explanation().contains("不能作为主要诊断"),
                full.trace().toString());
        GroupingResult proc = group("J18.900", List.of(), List.of("00.0101"));
        assertEquals(GroupingResult.Cause.PRINCIPAL_PROCEDURE_INVALID, proc.cause());
        assertTrue(proc.reason().contains("00.0101"), proc.reason());
    }

    @Test
    void theRuleShapesOfTwoPointZero() {
        // AH2: (a tracheostomy status or a tracheotomy) and 96.7201, which need not be the principal procedure
        assertEquals("AH2", group("J96.000", List.of("Z93.000"), List.of("96.0400", "96.7201")).adrg());
        assertEquals("AH2", group("J96.000", List.of(), List.of("31.1x00x005", "96.7201")).adrg());
        assertTrue(!"AH2".equals(group("J96.000", List.of(), List.of("96.7201")).adrg()), "long ventilation alone is not AH2");
        // ZZ1 only without any procedure
        assertEquals("ZZ1", group("S72.000", List.of("S27.000"), List.of()).adrg());
        // the newborn ADRGs by birth weight and age in days
        Grouper g = tables().grouper();
        assertEquals("PS1", g.group(new GroupingCase("P07.200", List.of(), List.of(), "F", 0, 3, 1100, null, null)).adrg());
        assertEquals("PS2", g.group(new GroupingCase("P59.901", List.of("P07.300"), List.of(), "F", 0, 3, 1700, null, null)).adrg());
        assertEquals("PS4", g.group(new GroupingCase("P59.901", List.of("P07.300"), List.of(), "F", 0, 3, 2600, null, null)).adrg());
    }
}
