package io.localdrop.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The Testcontainers helper: what {@code attach} puts into a container, and, in a real container,
 * that the findings of the JVM inside come back as Java objects after a graceful stop.
 */
class LocaldropContainerTest {

    private static Path agentJar() {
        Path jar = Path.of(System.getProperty("localdrop.agent.jar", "../agent/target/localdrop-agent.jar"));
        assertTrue(Files.isRegularFile(jar), "agent jar missing: " + jar);
        return jar;
    }

    private static GenericContainer<?> anyContainer() {
        return new GenericContainer<>(DockerImageName.parse("localdrop/jdk:17"));
    }

    @Test
    void attachSetsTheAgentAndTheReportPathInJavaToolOptions() {
        try (GenericContainer<?> c = anyContainer().withEnv("JAVA_TOOL_OPTIONS", "-Xmx64m")) {
            LocaldropContainer.attach(c, agentJar(), "mode=diagnose,log=quiet");
            assertEquals("-javaagent:/localdrop/localdrop-agent.jar=report=/localdrop/out/report.json,mode=diagnose,log=quiet"
                    + " -Xmx64m", c.getEnvMap().get("JAVA_TOOL_OPTIONS"));
        }
        try (GenericContainer<?> c = anyContainer()) {
            LocaldropContainer.attach(c, agentJar(), null);
            assertEquals("-javaagent:/localdrop/localdrop-agent.jar=report=/localdrop/out/report.json",
                    c.getEnvMap().get("JAVA_TOOL_OPTIONS"));
        }
    }

    @Test
    void attachRejectsAReportOptionAMissingJarAndSpaces(@TempDir Path dir) {
        try (GenericContainer<?> c = anyContainer()) {
            IllegalArgumentException report = assertThrows(IllegalArgumentException.class,
                    () -> LocaldropContainer.attach(c, agentJar(), "mode=diagnose,report=/tmp/r.json"));
            assertTrue(report.getMessage().contains("'report=/tmp/r.json'"), report.getMessage());
            IllegalArgumentException jar = assertThrows(IllegalArgumentException.class,
                    () -> LocaldropContainer.attach(c, dir.resolve("nope.jar"), ""));
            assertTrue(jar.getMessage().contains("nope.jar") && jar.getMessage().contains("localdrop-agent.jar"),
                    jar.getMessage());
            assertThrows(IllegalArgumentException.class, () -> LocaldropContainer.attach(c, agentJar(), "mode=a b"));
        }
    }

    @Test
    void aContainersFindingsComeBackAfterAGracefulStop() {
        assumeContainers();
        String image = "localdrop/jdk:" + (Runtime.version().feature() >= 21 ? 25 : 17);
        Path testClasses = Path.of(ContainerLeakyApp.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        try (GenericContainer<?> app = new GenericContainer<>(DockerImageName.parse(image))
                .withCopyFileToContainer(MountableFile.forHostPath(testClasses), "/app")
                .withCommand("java", "-cp", "/app", ContainerLeakyApp.class.getName())
                .waitingFor(Wait.forLogMessage(".*leaky app: .*ready.*\\n", 1).withStartupTimeout(Duration.ofSeconds(60)))) {
            LocaldropContainer.attach(app, agentJar(), "include=io.localdrop.testing");
            app.start();
            Matcher line = Pattern.compile("set at line (\\d+)").matcher(app.getLogs());
            assertTrue(line.find(), app.getLogs());

            StoppedContainer stopped = LocaldropContainer.stop(app, Duration.ofSeconds(30));

            assertEquals(143, stopped.exitCode(), "a JVM ends with 128+SIGTERM on docker stop\n" + stopped.logs());
            LeakReport report = stopped.report();
            assertTrue(report.jvm().javaVersion().startsWith(image.substring(image.indexOf(':') + 1)), report.jvm().toString());
            List<Finding> leaks = report.findings(Kind.TASK_LEAK);
            assertEquals(1, leaks.size(), report.describe());
            Finding leak = leaks.get(0);
            assertTrue(leak.setAtContains("(ContainerLeakyApp.java:" + line.group(1) + ")"), leak.describe());
            assertEquals("io.localdrop.testing.ContainerLeakyApp.BUFFER", leak.threadLocal().field(), leak.describe());
            assertEquals("java.lang.StringBuilder", leak.valueType());
            assertFalse(stopped.reportJson().orElseThrow().contains("secret-order"), "a report never holds values");
        }
    }

    /** Container tests run here; they are skipped only on purpose (-Dlocaldrop.containers=skip). */
    private static void assumeContainers() {
        if ("skip".equals(System.getProperty("localdrop.containers"))) {
            Assumptions.abort("CONTAINER TEST SKIPPED ON PURPOSE (-Dlocaldrop.containers=skip): this is not a full test run");
        }
        assertTrue(DockerClientFactory.instance().isDockerAvailable(),
                "container tests must run here, but no Docker engine answers: run scripts/setup-containers.sh");
    }
}
