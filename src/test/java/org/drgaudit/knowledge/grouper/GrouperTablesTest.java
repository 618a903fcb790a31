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
    void inputsTheSchemeCannotDecideGiveUngroupableWithTheReason() {
        Grouper g = KnowledgeSnapshot.parse(1, "KB", demoFiles()).grouper("CHS-DRG-1.1").grouper();
        GroupingResult noSex = g.group(new GroupingCase("I63.900", List.of(), List.of(), null, 70, null, null, null, null));
        assertEquals("0000", noSex.drg());
        assertEquals(GroupingResult.Cause.SEX_MISSING, noSex.cause());
        assertTrue(noSex.cause().dataQuality());
        assertTrue(noSex.reason().contains("性别缺失"), noSex.reason());
        assertEquals("RESULT", noSex.trace().get(0).stage());

        GroupingResult noWeight = g.group(new GroupingCase("P59.901", List.of(), List.of(), "F", 0, 6, null, null, null));
        assertEquals(GroupingResult.Cause.BIRTH_WEIGHT_MISSING, noWeight.cause());
        assertTrue(noWeight.reason().contains("日龄 6 天") && noWeight.reason().contains("出生体重"), noWeight.reason());
        assertEquals("MDCP", g.group(new GroupingCase("P59.901", List.of(), List.of(), "F", 0, 6, 3200, null, null)).mdc(),
                "with its weight the newborn groups");
        GroupingResult infant = g.group(new GroupingCase("P59.901", List.of(), List.of(), "F", 0, 45, null, null, null));
        assertTrue(infant.cause() == null || !infant.cause().dataQuality(), "an infant past 28 days needs no birth weight: " + infant);

        GroupingResult noDays = g.group(new GroupingCase("P59.901", List.of(), List.of(), "F", 0, null, 3200, null, null));
        assertEquals(GroupingResult.Cause.AGE_DAYS_MISSING, noDays.cause());
        GroupingResult noAge = g.group(new GroupingCase("I63.900", List.of(), List.of(), "M", null, null, null, null, null));
        assertEquals(GroupingResult.Cause.AGE_MISSING, noAge.cause());
        GroupingResult both = g.group(new GroupingCase("I63.900", List.of(), List.of(), null, null, null, null, null, null));
        assertEquals(GroupingResult.Cause.SEX_MISSING, both.cause(), "the first problem is the cause");
        assertTrue(both.reason().contains("性别缺失") && both.reason().contains("年龄缺失"), "every problem is named: " + both.reason());
        assertEquals("BR25", g.group(new GroupingCase("I63.900", List.of(), List.of(), "M", 70, null, null, null, null)).drg());
    }

    @Test
    void severityComesFromTheSplitConditionNotTheCode() {
        SortedMap<String, String> files = demoFiles();
        KnowledgeSnapshot kb = KnowledgeSnapshot.parse(1, "KB", files);
        org.drgaudit.knowledge.GrouperTables t = kb.grouper("CHS-DRG-1.1");
        assertEquals(1, t.severity("BR21"));
        assertEquals(3, t.severity("BR23"));
        assertEquals(5, t.severity("BR25"));
        assertEquals("BR23", t.drgFor("BR2", 3));
        assertEquals("BR25", t.drgFor("BR2", 5));
        // a region whose BR2 "1" group is split on CC (as later versions reuse the fourth character): the table decides
        files.put(DIR + "drg_rules.tsv", files.get(DIR + "drg_rules.tsv").replaceFirst("(?m)^(BR21\t[^\t]*\t)HAS_MCC$", "$1(HAS_MCC || HAS_CC)"));
        org.drgaudit.knowledge.GrouperTables changed = KnowledgeSnapshot.parse(1, "KB", files).grouper("CHS-DRG-1.1");
        assertEquals(3, changed.severity("BR21"));
        assertEquals(3, changed.grouper().group(new GroupingCase("I63.900", List.of("J96.000"), List.of(), "M", 70, null, null, null, null))
                .severity());
        assertEquals(9, t.severity("NOT-A-DRG"), "a code the tables lack: its fourth character, 9 when none");
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
        assertEquals(GroupingResult.Cause.PRINCIPAL_MISSING, none.cause());
        GroupingResult woman = g.group(new GroupingCase("N40.x00", List.of(), List.of("60.2902"), "F", 50, null, null, null, null));
        assertEquals("0000", woman.drg(), "MDCM takes men only");
        assertTrue(woman.reason().contains("MDCM"), woman.reason());
    }
}
