package io.localdrop.it.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.it.support.ChildJvm;
import io.localdrop.testing.Kind;
import io.localdrop.testing.LeakReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * A periodic write that fails (the report's place is taken by a directory) is recorded, said once on stderr, and the
 * writer goes on: once the place is free again the next report is written and lists the failed writes.
 */
class PeriodicReportFailureTest {

    @Test
    void aFailedWriteIsRecordedAndTheWriterGoesOn() throws Exception {
        Path directory = Files.createTempDirectory("periodic-failure-");
        Path report = directory.resolve("report.json");
        ChildJvm.Result result = ChildJvm.main(PeriodicReportFailureFixture.class)
                .agentOptions("report=" + report + ",reportInterval=10ms").args(report.toString()).run().assertExit(0);
        assertEquals(List.of("first report: true", "blocked: true", "failure seen live: true", "written again: true"), result.stdoutLines(),
                result::toString);
        LeakReport parsed = LeakReport.read(report);
        LeakReport.AgentError failure = parsed.internalErrors().get(0);
        assertEquals("report: writing the report file", failure.where(), result::toString);
        assertTrue(failure.count() >= 1 && parsed.summary().internalErrors() >= failure.count(), result::toString);
        assertEquals(1, parsed.findings(Kind.TASK_LEAK).size(), result::toString);
        List<String> errorLines = result.stderrLines().stream().filter(line -> line.contains("internal error in"))
                .collect(Collectors.toList());
        assertEquals(1, errorLines.size(), "the first failed write once, the others counted: " + result);
        assertTrue(result.stderrLines().contains("localdrop: " + parsed.summary().internalErrors()
                + " internal errors (see report)") || result.stderrLines().contains("localdrop: 1 internal error (see report)"),
                result::toString);
        Files.delete(report);
        Files.delete(directory);
    }
}
