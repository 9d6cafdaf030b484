package io.localdrop.it.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * A broken part of the agent is visible, never "no leaks": the test switch {@code localdrop.test.failIn=report-finding}
 * makes taking every finding into the report fail. The application runs on unharmed; the report lists the failure
 * ({@code internalErrors}, {@code summary.internalErrors}); stderr has exactly one line for it however often it
 * happened, and the summary says how many internal errors there were.
 */
class InternalErrorReportTest {

    @Test
    void aBrokenPartIsCountedListedAndSaidOnceOnStderr() throws Exception {
        Run run = run("-Dlocaldrop.test.failIn=report-finding");
        LeakReport.AgentError error = run.report.internalErrors().get(0);
        assertEquals(1, run.report.internalErrors().size(), run::toString);
        assertEquals("report: taking a finding into the report", error.where(), run::toString);
        assertEquals("java.lang.IllegalStateException", error.type(), run::toString);
        assertTrue(error.message().contains("localdrop.test.failIn"), run::toString);
        // BleedFixture has two findings, each left out of the report, each failure counted
        assertTrue(error.count() >= 2, run::toString);
        assertEquals(error.count(), run.report.summary().internalErrors(), run::toString);
        assertEquals(List.of(), run.report.findings(), "the broken findings are left out, not half written: " + run);

        List<String> stderr = run.result.stderrLines();
        List<String> errorLines = stderr.stream().filter(line -> line.startsWith("localdrop: internal error"))
                .collect(Collectors.toList());
        assertEquals(1, errorLines.size(), run::toString);
        assertTrue(errorLines.get(0).startsWith("localdrop: internal error in report: taking a finding into the report:"
                + " java.lang.IllegalStateException: failure injected by -Dlocaldrop.test.failIn=report-finding"), run::toString);
        assertTrue(stderr.contains("localdrop: " + error.count() + " internal errors (see report)"), run::toString);
        assertFalse(run.result.stderr().contains("\tat "), "no stack trace at log=info: " + run);
    }

    @Test
    void withoutTheSwitchTheSameRunHasNoInternalErrorAndItsFindings() throws Exception {
        Run run = run();
        assertEquals(List.of(), run.report.internalErrors(), run::toString);
        assertEquals(0, run.report.summary().internalErrors(), run::toString);
        assertEquals(1, run.report.findings(Kind.BLEED).size(), run::toString);
        assertFalse(run.result.stderr().contains("internal error"), run::toString);
    }

    private static Run run(String... jvmArgs) throws Exception {
        Path directory = Files.createTempDirectory("internal-errors-");
        Path report = directory.resolve("report.json");
        ChildJvm.Result result = ChildJvm.main(BleedFixture.class).jvmArgs(jvmArgs).agentOptions("report=" + report)
                .run().assertExit(0);
        try {
            return new Run(result, LeakReport.read(report));
        } finally {
            Files.deleteIfExists(report);
            Files.deleteIfExists(directory);
        }
    }

    private static final class Run {
        final ChildJvm.Result result;
        final LeakReport report;

        Run(ChildJvm.Result result, LeakReport report) {
            this.result = result;
            this.report = report;
        }

        @Override
        public String toString() {
            return result + "\nreport: " + report.describe() + " internal errors " + report.internalErrors();
        }
    }
}
