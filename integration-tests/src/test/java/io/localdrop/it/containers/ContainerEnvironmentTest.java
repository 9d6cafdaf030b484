package io.localdrop.it.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.startupcheck.OneShotStartupCheckStrategy;
import org.testcontainers.utility.DockerImageName;

class ContainerEnvironmentTest {

    @Test
    void imageMatchesTheRunningJvmOrTheClosestVersion() {
        assertEquals(17, ContainerEnvironment.imageVersionFor(17));
        assertEquals(25, ContainerEnvironment.imageVersionFor(25));
        assertEquals(17, ContainerEnvironment.imageVersionFor(11));
        assertEquals(17, ContainerEnvironment.imageVersionFor(20));
        assertEquals(25, ContainerEnvironment.imageVersionFor(21));
        assertEquals(25, ContainerEnvironment.imageVersionFor(30));
        int feature = Runtime.version().feature();
        assertEquals("localdrop/jdk:" + ContainerEnvironment.imageVersionFor(feature), ContainerEnvironment.jdkImage());
    }

    @Test
    void skipOnPurposeAbortsTheTestLoudly() {
        String before = System.getProperty(ContainerEnvironment.PROPERTY);
        System.setProperty(ContainerEnvironment.PROPERTY, ContainerEnvironment.SKIP);
        try {
            TestAbortedException aborted = assertThrows(TestAbortedException.class, ContainerEnvironment::assumeOrFail);
            assertTrue(aborted.getMessage().contains("SKIPPED ON PURPOSE"), aborted.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty(ContainerEnvironment.PROPERTY);
            } else {
                System.setProperty(ContainerEnvironment.PROPERTY, before);
            }
        }
    }

    @Test
    void aMissingImageFailsInsteadOfSkipping() {
        ContainerEnvironment.assumeOrFail();
        AssertionError error = assertThrows(AssertionError.class,
                () -> ContainerEnvironment.assumeOrFail("localdrop/jdk:no-such-tag"));
        assertTrue(error.getMessage().contains("scripts/setup-containers.sh"), error.getMessage());
    }

    @Test
    void theJdkImageRunsTheRunningJvmsJavaVersion() {
        ContainerEnvironment.assumeOrFail();
        try (GenericContainer<?> java = new GenericContainer<>(DockerImageName.parse(ContainerEnvironment.jdkImage()))
                .withCommand("java", "-version")
                .withNetworkMode("none")
                .withStartupCheckStrategy(new OneShotStartupCheckStrategy().withTimeout(Duration.ofSeconds(60)))) {
            java.start();
            String logs = java.getLogs();
            assertTrue(logs.contains("version \"" + ContainerEnvironment.imageVersionFor(Runtime.version().feature())),
                    logs);
        }
    }
}
