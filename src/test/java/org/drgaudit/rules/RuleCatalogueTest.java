package org.drgaudit.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.drgaudit.knowledge.KnowledgeService;
import org.drgaudit.knowledge.KnowledgeSnapshot;
import org.junit.jupiter.api.Test;

/** docs/rules.md is what the rules and parameters say now; run with -Ddocs.update=true to rewrite it. */
class RuleCatalogueTest {

    private static final Path DOC = Path.of("docs/rules.md");

    @Test
    void theRuleCatalogueDocumentIsUpToDate() throws IOException {
        CompiledRuleBase rules = RuleCompiler.compile(RuleBaseService.readFolder(Path.of("rules-drl")));
        KnowledgeSnapshot kb = KnowledgeSnapshot.parse(1, "KB", KnowledgeService.readFolder(Path.of("knowledge-base")));
        String generated = RuleCatalogue.markdown(rules.rules(), kb.policies());
        if (Boolean.getBoolean("docs.update")) {
            Files.writeString(DOC, generated);
        }
        assertTrue(Files.exists(DOC), "docs/rules.md is missing; run mvn -q test -Dtest=RuleCatalogueTest -Ddocs.update=true");
        assertEquals(generated, Files.readString(DOC),
                "docs/rules.md is out of date; run mvn -q test -Dtest=RuleCatalogueTest -Ddocs.update=true");
        assertTrue(generated.contains("`splitAdmission.readmissionWindowDays`: demo 2024: 15"), generated);
    }
}
