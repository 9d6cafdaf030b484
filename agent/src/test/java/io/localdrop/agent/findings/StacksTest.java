package io.localdrop.agent.findings;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which code sources are application code, the rule behind a finding's {@code appFrame}. */
class StacksTest {
    @Test
    void classesDirectoriesAreApplicationCodeAndArchivesAreLibraries() {
        assertTrue(Stacks.isApplicationCode("file:/work/app/target/classes/"));
        assertTrue(Stacks.isApplicationCode("file:/srv/tomcat/webapps/shop/WEB-INF/classes/"));
        assertTrue(Stacks.isApplicationCode("jar:nested:/app/app.jar/!BOOT-INF/classes/!/"));
        assertFalse(Stacks.isApplicationCode("jar:nested:/app/app.jar/!BOOT-INF/lib/slf4j-api-2.0.17.jar!/"));
        assertFalse(Stacks.isApplicationCode("file:/root/.m2/repository/ch/qos/logback/logback-classic-1.5.21.jar"));
        assertFalse(Stacks.isApplicationCode("file:/srv/tomcat/webapps/shop/WEB-INF/lib/Vendor.JAR"));
        assertFalse(Stacks.isApplicationCode("jar:file:/app/app.war!/"));
        assertFalse(Stacks.isApplicationCode(null));
    }
}
