package org.drgaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class RuleCompilerTest {

    @Test
    void everyRuleOfTheShippedRuleBaseCompilesWithItsMetadata() {
        CompiledRuleBase compiled = RuleCompiler.compile(RuleBaseService.readFolder(Path.of("rules-drl")));
        List<String> ids = compiled.rules().stream().map(RuleInfo::id).toList();
        assertEquals(List.of("DP-01", "DP-02", "DP-03", "DP-04", "DP-05", "DQ-01", "DQ-02", "HC-01", "HC-02", "HC-03", "HC-04", "HC-05",
                "SA-01", "SA-02", "SA-03", "SC-01", "TL-01", "TL-02", "TL-03", "TL-04"), ids);
        compiled.rules().forEach(r -> {
            assertTrue(!r.sentence().isBlank(), r.id() + " has its plain sentence");
            assertTrue(RuleCompiler.FAMILIES.contains(r.family()), r.id() + " family");
        });
    }

    @Test
    void aSyntaxErrorIsReportedWithFileAndLine() {
        SortedMap<String, String> files = new TreeMap<>(RuleBaseService.readFolder(Path.of("rules-drl")));
        files.put("broken.drl", "package rules;\n\nrule \"X-01 坏规则\"\nwhen\n    $c : AuditCase( inScope ==\nthen\nend\n");
        RuleBaseInvalidException e = assertThrows(RuleBaseInvalidException.class, () -> RuleCompiler.compile(files));
        CompileError first = (CompileError) e.errors().get(0);
        assertEquals("broken.drl", first.file());
        assertTrue(first.line() != null && first.line() >= 3, "line reported: " + first);
    }

    @Test
    void aRuleWithoutMetadataIsRefused() {
        SortedMap<String, String> files = new TreeMap<>();
        files.put("bare.drl", """
                package rules;
                import org.drgaudit.rules.facts.AuditCase;
                global org.drgaudit.rules.facts.FindingCollector findings;
                rule "X-01 无元数据"
                    // 没有元数据的规则。
                when
                    $c : AuditCase( inScope )
                then
                end
                """);
        RuleBaseInvalidException e = assertThrows(RuleBaseInvalidException.class, () -> RuleCompiler.compile(files));
        assertTrue(e.errors().stream().anyMatch(x -> ((CompileError) x).message().contains("@family")), e.errors().toString());
        assertEquals("bare.drl", ((CompileError) e.errors().get(0)).file());
    }

    @Test
    void anErrorInTheExecutableModelsGeneratedJavaIsLocatedInTheDrlWithLineAndColumn() {
        SortedMap<String, String> files = new TreeMap<>(RuleBaseService.readFolder(Path.of("rules-drl")));
        String drl = """
                package rules;
                import org.drgaudit.rules.facts.AuditCase;
                global org.drgaudit.rules.facts.FindingCollector findings;
                rule "X-01 坏规则"
                    // 后件中调用了不存在的方法。
                    @id("X-01") @family("data-quality") @resultType("SUSPICIOUS") @severity("LOW") @basis("测试")
                when
                    $c : AuditCase( inScope, losDays > 0 )
                then
                    int days = $c.getLosDayz();
                end
                """;
        files.put("x.drl", drl);
        RuleBaseInvalidException e = assertThrows(RuleBaseInvalidException.class, () -> RuleCompiler.compile(files));
        CompileError first = (CompileError) e.errors().get(0);
        assertEquals("x.drl", first.file(), e.errors().toString());
        assertEquals(10, first.line(), e.errors().toString());
        assertEquals(drl.split("\n")[9].indexOf("getLosDayz") + 1, first.column(), e.errors().toString());

        // an unknown property in a condition: the executable model gives no position; the DRL is searched for it
        files.put("x.drl", drl.replace("losDays > 0", "losDayz > 0").replace("$c.getLosDayz()", "$c.getLosDays()"));
        e = assertThrows(RuleBaseInvalidException.class, () -> RuleCompiler.compile(files));
        first = (CompileError) e.errors().get(0);
        assertEquals("x.drl", first.file(), e.errors().toString());
        assertEquals(8, first.line(), e.errors().toString());
        assertTrue(first.column() != null && first.column() > 1, e.errors().toString());
    }
}
