package org.drgaudit;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.base.DescribedPredicate;
import jakarta.persistence.Entity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bounded contexts share ids, not entities: no context touches another context's persistent classes. */
class ArchitectureTest {

    private static final List<String> CONTEXTS = List.of("cases", "knowledge", "rules", "sweeps", "findings", "campaigns", "sampling",
            "security", "demo", "clearing", "specialcases", "web");
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.drgaudit");

    @Test
    void noContextUsesAnotherContextsEntities() {
        for (String context : CONTEXTS) {
            String pkg = "org.drgaudit." + context;
            DescribedPredicate<JavaClass> entityOfContext = DescribedPredicate.describe("entities of " + context,
                    c -> c.getPackageName().startsWith(pkg) && c.isAnnotatedWith(Entity.class));
            noClasses().that().resideOutsideOfPackage(pkg + "..")
                    .should().dependOnClassesThat(entityOfContext)
                    .because("contexts share ids, not entities")
                    .check(CLASSES);
        }
    }

    @Test
    void theRulesFactModelDoesNotReachIntoServicesOrTheDatabase() {
        noClasses().that().resideInAPackage("org.drgaudit.rules.facts..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "io.agroal..", "java.sql..",
                        "org.drgaudit.sweeps..", "org.drgaudit.findings..")
                .check(CLASSES);
    }
}
