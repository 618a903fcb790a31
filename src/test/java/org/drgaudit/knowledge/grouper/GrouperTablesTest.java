package org.drgaudit.knowledge.grouper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import org.drgaudit.knowledge.KnowledgeBaseInvalidException;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.junit.jupiter.api.Test;

/** The demo decision tables load and group; a faulty condition stops the load with its file, line and column. */
class GrouperTablesTest {

    private static final String DIR = "grouper/CHS-DRG-1.1/";

    private static SortedMap<String, String> demoFiles() {
        return KnowledgeService.readFolder(Path.of("knowledge-base"));
    }

    @Test
    void aMisspeltListOrABadConditionIsReportedWithFileLineAndColumn() {
        SortedMap<String, String> files = demoFiles();
        files.put(DIR + "adrg_rules.tsv", files.get(DIR + "adrg_rules.tsv")
                .replace("BR2\t主诊断匹配\tcontains(adrg_zd,zdList[0])", "BR2\t主诊断匹配\tcontains(adrg_zdd,zdList[0])")
                .replace("ES3\t主诊断匹配\tcontains(adrg_zd,zdList[0])", "ES3\t主诊断匹配\tcontains(adrg_zd,zdList[0]) &&"));
        KnowledgeBaseInvalidException e = assertThrows(KnowledgeBaseInvalidException.class,
                () -> KnowledgeSnapshot.parse(1, "bad", files));
        String all = e.getMessage() + " " + e.errors();
        assertTrue(all.contains("adrg_rules.tsv") && all.contains("ADRG BR2") && all.contains("unknown name 'adrg_zdd'"), all);
        assertTrue(all.contains("ADRG ES3") && all.contains("column 31"), all);
    }

    @Test
    void aDrgCandidateWithoutASplitRuleIsReported() {
        SortedMap<String, String> files = demoFiles();
        files.put(DIR + "drg_rules.tsv", files.get(DIR + "drg_rules.tsv").replace("BR23\t", "BX23\t"));
        KnowledgeBaseInvalidException e = assertThrows(KnowledgeBaseInvalidException.class,
                () -> KnowledgeSnapshot.parse(1, "bad", files));
        assertTrue(e.errors().toString().contains("DRG BR23 of ADRG BR2 is not in drg_rules.tsv"), e.errors().toString());
    }

    @Test
    void theDemoTablesGroupAndExplain() {
        Grouper g = KnowledgeSnapshot.parse(1, "KB", demoFiles()).grouper("CHS-DRG-1.1").grouper();
        GroupingResult r = g.group(new GroupingCase("J96.000", List.of(), List.of("96.7201", "31.1x00x005"), "M", 70, null, null, null, null));
        assertEquals("AH15", r.drg());
        GroupingResult trachOnly = g.group(new GroupingCase("J18.903", List.of(), List.of("31.1x00x005"), "M", 70, null, null, null, null));
        assertEquals("EQY", trachOnly.drg(), "a tracheotomy without long ventilation does not enter AH1; in MDCE it is an unrelated OR procedure");
        GroupingResult none = g.group(new GroupingCase(null, List.of(), List.of(), "F", 30, null, null, null, null));
        assertEquals("0000", none.drg());
        assertTrue(none.reason().contains("没有主要诊断"), none.reason());
        GroupingResult woman = g.group(new GroupingCase("N40.x00", List.of(), List.of("60.2902"), "F", 50, null, null, null, null));
        assertEquals("0000", woman.drg(), "MDCM takes men only");
        assertTrue(woman.reason().contains("MDCM"), woman.reason());
    }
}
