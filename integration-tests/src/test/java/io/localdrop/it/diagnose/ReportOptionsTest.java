package io.localdrop.it.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.it.support.ChildJvm;
import io.localdrop.testing.Kind;
import io.localdrop.testing.LeakReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Option {@code report} is tried before main: a location that can never be written stops the JVM with status 2
 * and one line (instead of one warning at shutdown, after the findings of a whole run); a directory that does not
 * exist yet is created.
 */
class ReportOptionsTest {

    @Test
    void aReportThatCannotBeWrittenStopsTheJvmBeforeMain() throws Exception {
        ChildJvm.Result result = ChildJvm.main(BleedFixture.class).agentOptions("report=/proc/x.json").run().assertExit(2);
        List<String> lines = result.stderrLines();
        assertEquals(1, lines.size(), result::toString);
        assertTrue(lines.get(0).startsWith("localdrop: bad agent option 'report=/proc/x.json': cannot create a file in /proc ("),
                result::toString);
        assertTrue(lines.get(0).endsWith("; accepted values are a file path whose directory exists or can be created, and"
                + " can be written"), result::toString);
        assertEquals("", result.stdout(), "main must not run: " + result);
    }

    @Test
    void aMissingDirectoryIsCreatedAndTheReportWrittenIntoIt() throws Exception {
        Path base = Files.createTempDirectory("report-options-");
        Path report = base.resolve("not/yet/there/report.json");
        ChildJvm.Result result = ChildJvm.main(BleedFixture.class).agentOptions("report=" + report + ",log=quiet").run()
                .assertExit(0);
        assertEquals(1, LeakReport.read(report).findings(Kind.BLEED).size(), result::toString);
        try (var left = Files.list(report.getParent())) {
            assertEquals(List.of(report), left.toList(), "neither probe nor temporary file left: " + result);
        }
    }
}
