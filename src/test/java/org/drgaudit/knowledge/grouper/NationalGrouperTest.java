package org.drgaudit.knowledge.grouper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.drgaudit.cases.SettledCase;
import org.drgaudit.demo.DemoGenerator;
import org.drgaudit.knowledge.GroupEntry;
import org.drgaudit.knowledge.GrouperTables;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.drgaudit.knowledge.OfficialTablesImport;
import org.drgaudit.shared.CanonicalJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The grouper over the full national CHS-DRG 1.1 tables: a generated 100,000-case month, invariants
 * on random cases, and hand-made expectations per MDC. Skipped, with a message, when ../shared/data
 * is absent.
 */
class NationalGrouperTest {

    private static final Path TABLES = Path.of("../shared/data/chs-drg-opendrg/v1.1");
    private static final Path WEIGHTS = Path.of("../shared/data/harbin-chs-drg-weights/weights_2024.tsv");
    private static final Path OUT = Path.of("target/knowledge-national-grouper");
    private static KnowledgeSnapshot kb;

    @BeforeEach
    void needsTheNationalTables() {
        assumeTrue(Files.isDirectory(TABLES) && Files.exists(WEIGHTS),
                "../shared/data (national CHS-DRG tables) is not present; skipping the national grouper tests");
        if (kb == null) {
            OfficialTablesImport.run(TABLES, WEIGHTS, Path.of("knowledge-base"), OUT, "CHS-DRG-1.1", "national-2024",
                    new BigDecimal("12252.70"));
            kb = KnowledgeSnapshot.parse(1, "KB-national", KnowledgeService.readFolder(OUT));
        }
    }

    private static GrouperTables tables() {
        return kb.grouper("CHS-DRG-1.1");
    }

    @Test
    void theDecisionTablesCompile() {
        GroupingRules rules = tables().grouper().rules();
        assertEquals(26, rules.mdcs().size());
        assertEquals(List.of("MDCA", "MDCP", "MDCY", "MDCZ", "MDCM", "MDCN", "MDCB"),
                rules.mdcs().stream().limit(7).map(GroupingRules.Mdc::code).toList());
        long adrgs = rules.mdcs().stream().flatMap(m -> m.adrgs().stream()).filter(a -> !a.ambiguousCheck()).count();
        assertEquals(376, adrgs);
        assertEquals(628, rules.drgs().size());
        // by construction: the severity read from each split condition is what the scheme's code says
        assertEquals(List.of(), rules.drgs().values().stream().filter(d -> d.severity() != d.code().charAt(3) - '0')
                .map(d -> d.code() + "=" + d.severity()).toList());
    }

    @Test
    void everyCaseOfAGeneratedMonthGroupsToAValidDrg() {
        StringWriter cases = new StringWriter();
        StringWriter labels = new StringWriter();
        DemoGenerator generator = new DemoGenerator(kb, "demo", 2024);
        generator.generate(new DemoGenerator.Settings("demo", YearMonth.of(2024, 6),
                YearMonth.of(2024, 6), 100_000, 5, 0.0), cases, new StringWriter(), labels);
        // the generator's own aim (codes drawn from an ADRG's lists) agrees with the tables for all but a few percent;
        // those claims carry the tables' group (ADRG order, birth weight), as a payment platform's would
        assertTrue(generator.claimsRealigned() < 5_000, "claims the tables put elsewhere: " + generator.claimsRealigned());
        Map<String, GroupEntry> catalogue = kb.catalogue("national-2024");
        Map<String, Integer> notValid = new TreeMap<>();
        int total = 0;
        int agree = 0;
        Map<String, Integer> disagreements = new TreeMap<>();
        for (String line : cases.toString().lines().filter(l -> !l.isBlank()).toList()) {
            SettledCase c = CanonicalJson.read(line, SettledCase.class);
            GroupingResult r = tables().grouper().group(org.drgaudit.knowledge.GroupingService.groupingCase(c), false);
            total++;
            if (!r.grouped() || !catalogue.containsKey(r.drg())) {
                notValid.merge(c.groupCode() + "→" + r.drg(), 1, Integer::sum);
            }
            if (r.drg().equals(c.groupCode())) {
                agree++;
            } else {
                disagreements.merge(c.groupCode() + "→" + r.drg(), 1, Integer::sum);
            }
        }
        assertTrue(total >= 100_000, "cases: " + total);
        assertEquals(Map.of(), notValid, "every case groups to a DRG of the catalogue");
        System.out.printf("national month: %d cases (%d drafted claims realigned to the tables), %d (%.2f%%) regroup to the "
                + "claimed group; first disagreements: %s%n", total, generator.claimsRealigned(), agree, 100.0 * agree / total,
                disagreements.entrySet().stream().limit(20).toList());
    }

    @Test
    void invariantsHoldOnRandomCases() {
        GrouperTables t = tables();
        Grouper g = t.grouper();
        Map<String, GroupEntry> catalogue = kb.catalogue("national-2024");
        List<String> principals = new ArrayList<>(t.mdcsOfPrincipal().keySet());
        principals.sort(null);
        List<String> complications = new ArrayList<>(t.mcc().keySet());
        complications.addAll(t.cc().keySet());
        complications.sort(null);
        List<String> procedures = new ArrayList<>(t.validOrProcedures());
        t.adrgs().values().forEach(a -> procedures.addAll(a.procedures()));
        List<String> distinctProcedures = procedures.stream().distinct().sorted().toList();
        SplittableRandom rnd = new SplittableRandom(20241122L);
        int checked = 0;
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            String principal = principals.get(rnd.nextInt(principals.size()));
            List<String> secondaries = new ArrayList<>();
            for (int k = rnd.nextInt(4); k > 0; k--) {
                secondaries.add(complications.get(rnd.nextInt(complications.size())));
            }
            List<String> procs = new ArrayList<>();
            for (int k = rnd.nextInt(3); k > 0; k--) {
                procs.add(distinctProcedures.get(rnd.nextInt(distinctProcedures.size())));
            }
            String sex = rnd.nextBoolean() ? "M" : "F";
            boolean newborn = rnd.nextInt(10) == 0;
            GroupingCase c = new GroupingCase(principal, secondaries, procs, sex, newborn ? 0 : 18 + rnd.nextInt(70),
                    newborn ? 1 + rnd.nextInt(28) : null, newborn ? 800 + rnd.nextInt(3500) : null, null, null);
            GroupingResult r = g.group(c, false);
            seen.merge(r.status().name(), 1, Integer::sum);
            // sex-specific MDCs only receive that sex
            if ("MDCM".equals(r.mdc())) {
                assertEquals("M", sex, () -> "MDCM for a female case: " + c);
            }
            if ("MDCN".equals(r.mdc())) {
                assertEquals("F", sex, () -> "MDCN for a male case: " + c);
            }
            // a case without secondary diagnoses is never in a severity-1 or -3 group
            GroupingResult bare = g.group(new GroupingCase(principal, List.of(), procs, sex, c.ageYears(), c.ageDays(),
                    c.birthWeightGrams(), null, null), false);
            assertTrue(bare.severity() != 1 && bare.severity() != 3, () -> "no secondaries but " + bare.drg() + ": " + c);
            // removing a CC/MCC never raises the weight within the ADRG (removing a trauma site may leave MDCZ)
            if (r.grouped() && catalogue.containsKey(r.drg())) {
                for (String dx : Set.copyOf(secondaries)) {
                    GroupingResult without = g.group(c.withoutDiagnoses(Set.of(dx)), false);
                    if (without.grouped() && catalogue.containsKey(without.drg()) && without.adrg().equals(r.adrg())) {
                        BigDecimal before = catalogue.get(r.drg()).weight();
                        BigDecimal after = catalogue.get(without.drg()).weight();
                        assertTrue(after.compareTo(before) <= 0,
                                () -> "removing " + dx + " raised " + r.drg() + " " + before + " → " + without.drg() + " " + after);
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 1000, "complication removals checked: " + checked);
        assertTrue(seen.getOrDefault("GROUPED", 0) > 5_000, seen.toString());
    }

    @Test
    void aPrincipalDiagnosisInNoMdcListIsUngroupableWithTheReason() {
        GroupingResult r = tables().grouper().group(new GroupingCase("V89.200", List.of(), List.of(), "M", 40, null, null, null, null));
        assertEquals(GroupingResult.Status.UNGROUPABLE, r.status());
        assertEquals("0000", r.drg());
        assertTrue(r.reason().contains("V89.200") && r.reason().contains("不在任何 MDC"), r.reason());
        assertNotEquals(List.of(), r.trace());
    }

    @Test
    void handMadeExpectationsPerMdc() throws Exception {
        Path file = Path.of("src/test/resources/grouper/chs-drg-1.1-expectations.tsv");
        assumeTrue(Files.exists(file), "no hand-made expectations file");
        List<String> failures = new ArrayList<>();
        Set<String> mdcs = new java.util.TreeSet<>();
        int n = 0;
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank() || line.startsWith("#") || line.startsWith("id\t")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            GroupingCase c = new GroupingCase(f[1], split(f[2]), split(f[3]), f[4], intOrNull(f[5]), intOrNull(f[6]),
                    intOrNull(f[7]), null, null);
            GroupingResult r = tables().grouper().group(c);
            n++;
            if (!r.drg().equals(f[8])) {
                failures.add(f[0] + ": expected " + f[8] + " got " + r.drg() + " (" + f[9] + ") path: "
                        + r.trace().stream().map(TraceStep::explanation).toList());
            }
            if (r.mdc() != null) {
                mdcs.add(r.mdc());
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(n >= 26, "cases: " + n);
        assertEquals(26, mdcs.size(), "every MDC has a hand-made case: " + mdcs);
    }

    private static List<String> split(String s) {
        return s.isBlank() ? List.of() : List.of(s.split(","));
    }

    private static Integer intOrNull(String s) {
        return s.isBlank() ? null : Integer.valueOf(s.trim());
    }
}
