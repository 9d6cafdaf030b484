package io.localdrop.it.observe;

import io.localdrop.it.diagnose.LeakyPoolCheck;
import io.localdrop.it.support.ChildJvm;
import io.localdrop.testing.Kind;
import io.localdrop.testing.LeakReport;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A jlinked runtime without {@code jdk.jfr} (java.base and java.instrument only, made by the running JDK's
 * jlink) runs the agent without events and without an error: the leaky example's findings are all there and
 * the report names no internal error. The same runtime has no {@code jdk.attach}: the tool says so in one line.
 */
class WithoutJfrTest {
    @Test
    void theAgentRunsOnARuntimeWithoutJfr() throws Exception {
        Path image = Files.createTempDirectory("no-jfr-").resolve("runtime");
        Path jlink = Paths.get(System.getProperty("java.home"), "bin", "jlink");
        Process linking = new ProcessBuilder(jlink.toString(), "--add-modules", "java.base,java.instrument",
                "--output", image.toString()).redirectErrorStream(true).start();
        String output = new String(linking.getInputStream().readAllBytes());
        assertTrue(linking.waitFor(300, TimeUnit.SECONDS), "jlink did not end");
        assertEquals(0, linking.exitValue(), "jlink failed: " + output);
        Path java = image.resolve("bin").resolve("java");

        Path reportFile = Files.createTempDirectory("no-jfr-report-").resolve("report.json");
        ChildJvm.Result result = ChildJvm.main(LeakyPoolCheck.class).java(java).agentOptions("report=" + reportFile)
                .run().assertExit(0);
        assertFalse(result.stderr().contains("jdk.jfr") || result.stderr().contains("NoClassDefFoundError"), result.toString());
        LeakReport report = LeakReport.read(reportFile);
        assertFalse(report.findings(Kind.BLEED).isEmpty(), result.toString());
        assertEquals(0, report.summary().internalErrors(), result.toString());

        ChildJvm.Result tool = ChildJvm.main("io.localdrop.agent.cli.Main").java(java).noAgent()
                .classPath(ChildJvm.agentJar().toString()).args("list").run();
        tool.assertExit(2);
        assertEquals(1, tool.stderrLines().size(), tool.toString());
        assertTrue(tool.stderr().contains("no Attach API (module jdk.attach)"), tool.toString());
    }
}
