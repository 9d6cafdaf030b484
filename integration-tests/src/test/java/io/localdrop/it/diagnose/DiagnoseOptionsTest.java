package io.localdrop.it.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.it.support.ChildJvm;
import io.localdrop.testing.Kind;
import io.localdrop.testing.LeakReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The options of diagnose: bad values stop the JVM with one line; good ones do what docs/agent.md says. */
class DiagnoseOptionsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mode=diagnostic", "mode=", "report=", "report=/proc/x.json", "report=/dev/null/r.json", "reportInterval=0s",
            "reportInterval=-5s", "reportInterval=9ms", "reportInterval=721h", "reportInterval=99999999h", "reportInterval=5", "reportInterval=soon", "include=", "include=a;;b", "exclude=",
            "exclude=;", "taskBoundary=NoMethod", "taskBoundary=a.B#", "taskBoundary=#run",
            "taskBoundary=NoPackage#run", "taskBoundary=a.B#run()", "taskBoundary=a.B-C#run", "log=verbose", "log="})
    void aBadValueStopsTheJvmWithStatus2AndOneLine(String option) throws Exception {
        ChildJvm.Result result = ChildJvm.main(BleedFixture.class).agentOptions(option).run().assertExit(2);
        List<String> lines = result.stderrLines();
        assertEquals(1, lines.size(), result::toString);
        String key = option.substring(0, option.indexOf('='));
        assertTrue(lines.get(0).startsWith("localdrop: bad agent option '" + option + "'"), result::toString);
        assertTrue(lines.get(0).contains("accepted"), result::toString);
        assertTrue(lines.get(0).contains(key), result::toString);
        assertEquals("", result.stdout(), result::toString);
    }

    @Test
    void theReportIsWrittenWithMode0600AndTheSummaryGoesToStderr() throws Exception {
        Diagnosed run = Diagnosed.run(BleedFixture.class, "");
        Path report = Path.of(run.report.options().get("report"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
        try (var left = Files.list(report.getParent())) {
            assertEquals(List.of(report), left.toList(), "no temporary file left next to the report");
        }
        List<String> summary = run.result.stderrLines();
        assertEquals("localdrop: 2 findings (1 error, 1 warning, 0 infos); report: " + report, summary.get(0), run::toString);
        assertTrue(summary.get(1).startsWith("localdrop:   ERROR BLEED io.localdrop.it.diagnose.RequestContext.CURRENT"),
                run::toString);
        assertTrue(summary.get(2).startsWith("localdrop:   WARNING TASK_LEAK"), run::toString);
        assertEquals(3, summary.size(), run::toString);
    }

    @Test
    void logQuietPrintsNothing() throws Exception {
        Diagnosed run = Diagnosed.run(BleedFixture.class, "log=quiet");
        assertEquals("", run.result.stderr(), run::toString);
        assertEquals(1, run.findings(Kind.BLEED).size(), run::toString);
    }

    @Test
    void reportIntervalWritesTheReportWhileTheJvmRuns() throws Exception {
        Path directory = Files.createTempDirectory("diagnose-interval-");
        Path report = directory.resolve("live.json");
        directory.toFile().deleteOnExit();
        report.toFile().deleteOnExit();
        ChildJvm.Result result = ChildJvm.main(IntervalFixture.class)
                .agentOptions("report=" + report + ",reportInterval=50ms,log=quiet").args(report.toString()).run()
                .assertExit(0);
        assertTrue(result.stdout().contains("periodic report seen while running: true"), result::toString);
        assertEquals(1, LeakReport.read(report).findings(Kind.TASK_LEAK).size());
    }

    @Test
    void excludeLeavesClassesUnrewrittenAndIncludeSelectsThem() throws Exception {
        Diagnosed excluded = Diagnosed.run(BleedFixture.class, "exclude=io.localdrop.it.diagnose.RequestContext");
        assertEquals(List.of(), excluded.report.findings(), excluded::toString);
        Diagnosed included = Diagnosed.run(BleedFixture.class, "include=io.localdrop.it.diagnose.RequestContext;com.acme.");
        assertEquals(1, included.findings(Kind.BLEED).size(), included::toString);
        Diagnosed elsewhere = Diagnosed.run(BleedFixture.class, "include=com.acme.");
        assertEquals(List.of(), elsewhere.report.findings(), elsewhere::toString);
        assertFalse(elsewhere.json.contains("RequestContext"), elsewhere::toString);
    }
}
