package io.localdrop.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.agent.findings.FindingKind;
import io.localdrop.agent.findings.Findings;
import io.localdrop.agent.health.InternalErrors;
import io.localdrop.agent.options.AgentOptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Suppressed findings leave the lists and are tallied per entry; the report and the summary of one snapshot agree. */
class ReportSnapshotTest {
    @TempDir
    Path directory;

    @AfterEach
    void forget() {
        Findings.clear();
        InternalErrors.clear();
        InternalErrors.setVerbosity(1);
    }

    @Test
    void suppressedFindingsLeaveTheListsAndAreCountedWithTheirReasons() throws IOException {
        Findings.recordNamed(FindingKind.BLEED, "org.vendor.Ctx.CURRENT", "java.lang.ThreadLocal");
        Findings.recordNamed(FindingKind.BLEED, "org.vendor.Ctx.CURRENT", "java.lang.ThreadLocal");
        Findings.recordNamed(FindingKind.TASK_LEAK, "org.vendor.Other.STATE", "java.lang.ThreadLocal");
        Findings.recordNamed(FindingKind.TASK_LEAK, "com.acme.Mine.CURRENT", "java.lang.ThreadLocal");
        Path file = directory.resolve("suppress.txt");
        Files.write(file, List.of("# vendor code we cannot change",
                "BLEED org.vendor. vendor bug 17, fixed in 3.2",
                "TASK_LEAK org.vendor.Other vendor keeps its state on purpose",
                "CACHE com.acme.Nothing matches nothing"));
        AgentOptions options = AgentOptions.parse("suppress=" + file + ",log=quiet");
        ReportSnapshot snapshot = ReportSnapshot.take(options.suppressions());

        assertEquals(1, snapshot.findings.size());
        assertEquals("com.acme.Mine.CURRENT", snapshot.findings.get(0).field());
        assertEquals(2, snapshot.suppressedFindings);
        assertEquals(0, snapshot.errors);
        assertEquals(1, snapshot.warnings);
        assertEquals(3, snapshot.suppressed.size(), "one tally per entry, unused ones too");
        assertEquals(1, snapshot.suppressed.get(0).findings);
        assertEquals(2, snapshot.suppressed.get(0).count);
        assertEquals(List.of("org.vendor.Ctx.CURRENT"), snapshot.suppressed.get(0).threadLocals);
        assertEquals(0, snapshot.suppressed.get(2).findings);

        String json = ReportJson.render(options, snapshot);
        assertTrue(json.contains("{ \"kind\": \"BLEED\", \"threadLocal\": \"org.vendor.\", \"reason\": \"vendor bug 17,"
                + " fixed in 3.2\", \"line\": 2, \"findings\": 1, \"count\": 2, \"threadLocals\": [\"org.vendor.Ctx.CURRENT\"] }"),
                json);
        assertTrue(json.contains("\"errors\": 0, \"warnings\": 1, \"infos\": 0"), json);
        assertTrue(json.contains("\"suppressed\": 2, \"internalErrors\""), json);
        assertEquals(1, json.split("\"severity\": ", -1).length - 1, "one finding left in the list: " + json);

        String summary = Summary.render(null, snapshot);
        assertEquals("localdrop: 1 finding (0 errors, 1 warning, 0 infos), 2 suppressed", summary.split("\n")[0]);
        assertEquals(2, summary.split("\n").length, summary);
        assertTrue(summary.contains("WARNING TASK_LEAK com.acme.Mine.CURRENT"), summary);
    }

    @Test
    void aReportThatCouldNotBeWrittenIsNotNamedAsWritten() {
        // the summary said "report: PATH" and "(see report)" for a report whose final write had failed
        Findings.recordNamed(FindingKind.BLEED, "com.acme.Ctx.CURRENT", "java.lang.ThreadLocal");
        ReportSnapshot snapshot = ReportSnapshot.take(AgentOptions.parse("log=quiet").suppressions());
        InternalErrors.setVerbosity(0);
        InternalErrors.record("report: writing the report file", new java.nio.file.NoSuchFileException("/gone/r.json"));
        Path report = Path.of("/gone/r.json");
        String summary = Summary.render(report, Summary.notWritten(new java.nio.file.NoSuchFileException("/gone/r.json")),
                snapshot);
        assertEquals("localdrop: 1 finding (1 error, 0 warnings, 0 infos); the report could not be written to /gone/r.json"
                + " (NoSuchFileException: /gone/r.json)", summary.split("\n")[0]);
        assertTrue(summary.endsWith("localdrop: 1 internal error (the report that lists them could not be written)\n"), summary);
        String written = Summary.render(report, null, snapshot);
        assertTrue(written.startsWith("localdrop: 1 finding (1 error, 0 warnings, 0 infos); report: /gone/r.json\n"), written);
        assertTrue(written.endsWith("localdrop: 1 internal error (see report)\n"), written);
    }

    @Test
    void withoutSuppressionsTheSectionIsEmptyAndTheSummaryNamesNone() {
        Findings.recordNamed(FindingKind.BLEED, "com.acme.Ctx.CURRENT", "java.lang.ThreadLocal");
        AgentOptions options = AgentOptions.parse("log=quiet");
        ReportSnapshot snapshot = ReportSnapshot.take(options.suppressions());
        String json = ReportJson.render(options, snapshot);
        assertTrue(json.contains("\"suppressed\": [],"), json);
        assertTrue(json.contains("\"suppressed\": 0, \"internalErrors\""), json);
        assertEquals("localdrop: 1 finding (1 error, 0 warnings, 0 infos)", Summary.render(null, snapshot).split("\n")[0]);
    }

    @Test
    void theReportAndTheSummaryOfOneSnapshotShowTheSameCountsEvenIfFindingsGrowInBetween() {
        Findings.recordNamed(FindingKind.TASK_LEAK, "com.acme.Ctx.CURRENT", "java.lang.ThreadLocal");
        AgentOptions options = AgentOptions.parse("log=quiet");
        ReportSnapshot snapshot = ReportSnapshot.take(options.suppressions());
        Findings.recordNamed(FindingKind.TASK_LEAK, "com.acme.Ctx.CURRENT", "java.lang.ThreadLocal");
        Findings.recordNamed(FindingKind.BLEED, "com.acme.Late.CURRENT", "java.lang.ThreadLocal");
        String json = ReportJson.render(options, snapshot);
        String summary = Summary.render(null, snapshot);
        assertTrue(json.contains("\"count\": 1"), json);
        assertTrue(json.contains("\"errors\": 0, \"warnings\": 1"), json);
        assertTrue(summary.startsWith("localdrop: 1 finding (0 errors, 1 warning, 0 infos)\n"), summary);
        assertTrue(summary.contains(", 1 time on 1 thread"), summary);
    }

    @Test
    void aThreadCountAtItsBoundIsSaidToBeAFloor() {
        assertEquals("1 time on 1 thread", Summary.times(1, 1, false));
        assertEquals("5 times on 2 threads", Summary.times(5, 2, false));
        // the agent stops counting distinct threads at 100,000: the line said "on 100000 threads" for more
        assertEquals("200000 times on at least 100000 threads", Summary.times(200_000, 100_000, true));
    }
}
