package io.localdrop.it.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modules' arrows of docs/architecture.md: the runtime depends on nothing of localdrop's, and
 * {@code localdrop-testing} never links to the agent (users do not put the agent jar on their class path; it
 * reads the report format, and the live report through the bridge by reflection). Names used only as strings
 * (the runtime loading {@code io.localdrop.agent.LocaldropAgent} for {@code Localdrop.install()}) are no
 * dependency, as intended. Each rule fails, too, when its classes are missing from the class path.
 */
class ModuleArchitectureTest {

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        // the modules' jars; this module's own tests (target/test-classes) are left out
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.localdrop");
    }

    @Test
    void theRuntimeDependsOnNoOtherLocaldropModule() {
        noClasses().that().resideInAnyPackage("io.localdrop", "io.localdrop.internal..")
                .should().dependOnClassesThat().resideInAnyPackage("io.localdrop.agent..", "io.localdrop.testing..")
                .check(main);
    }

    @Test
    void theTestingModuleNeverLinksToTheAgent() {
        noClasses().that().resideInAPackage("io.localdrop.testing..")
                .should().dependOnClassesThat().resideInAPackage("io.localdrop.agent..")
                .check(main);
    }
}
