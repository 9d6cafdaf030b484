package io.localdrop.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The agent's package structure, checked on its compiled main classes: the packages under
 * {@code io.localdrop.agent} form no cycle, and only the entry package ({@code io.localdrop.agent} itself, which
 * installs everything) may be above all of them. docs/architecture.md draws the graph this test keeps true.
 */
class ArchitectureTest {

    private static JavaClasses agent;

    @BeforeAll
    static void importAgent() {
        agent = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.localdrop.agent");
    }

    @Test
    void theAgentsPackagesFormNoCycle() {
        slices().matching("io.localdrop.agent.(*)..")
                .should().beFreeOfCycles()
                .check(agent);
    }

    @Test
    void noPackageCallsUpIntoTheEntryPackage() {
        noClasses().that().resideOutsideOfPackage("io.localdrop.agent")
                .should().dependOnClassesThat().resideInAPackage("io.localdrop.agent")
                .because("the entry package installs the features; a feature reaching back up to it is a cycle"
                        + " that the slice rule cannot see, since the entry package is no slice")
                .check(agent);
    }
}
