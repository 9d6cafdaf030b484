package io.localdrop.it.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.it.support.ChildJvm;
import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;
import io.localdrop.testing.LeakReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Option {@code suppress}: findings named in the file leave the report's findings and the stderr summary and
 * are listed, with their reasons and counts, under {@code suppressed}; a bad file stops the JVM before main.
 */
class SuppressTest {
    private static final String CURRENT = "io.localdrop.it.diagnose.RequestContext.CURRENT";

    @Test
    void aSuppressedBleedLeavesTheListsAndIsCountedWithItsReason() throws Exception {
        Diagnosed plain = Diagnosed.run(BleedFixture.class, "");
        Finding bleed = plain.only(Kind.BLEED, CURRENT);
        Path file = file("# the request context is a vendor's; fix promised in 3.2",
                "BLEED " + CURRENT + "  vendor bug 17: the filter never clears it",
                "CACHE com.acme. nothing of ours here");

        Diagnosed run = Diagnosed.run(BleedFixture.class, "suppress=" + file);
        assertEquals(List.of(), run.findings(Kind.BLEED), run::toString);
        assertEquals(1, run.findings(Kind.TASK_LEAK).size(), "only what the entry names is suppressed\n" + run);
        assertEquals(0, run.report.summary().errors(), run::toString);
        List<LeakReport.Suppressed> suppressed = run.report.suppressed();
        assertEquals(2, suppressed.size(), run::toString);
        LeakReport.Suppressed entry = suppressed.get(0);
        assertEquals("BLEED", entry.kind());
        assertEquals(CURRENT, entry.threadLocal());
        assertEquals("vendor bug 17: the filter never clears it", entry.reason());
        assertEquals(2, entry.line());
        assertEquals(1, entry.findings(), run::toString);
        assertEquals(bleed.count(), entry.count(), "the suppressed finding's count\n" + run);
        assertEquals(List.of(CURRENT), entry.threadLocals());
        assertEquals(0, suppressed.get(1).findings(), "an entry that matched nothing is listed with 0\n" + run);
        assertTrue(run.json.contains("\"suppressed\": 1, \"internalErrors\""), run::toString);

        assertEquals(1, SummaryAgreement.suppressedInSummary(run), run::toString);
        assertTrue(run.result.stderrLines().stream().noneMatch(line -> line.contains("BLEED")), run::toString);
        SummaryAgreement.assertAgree(run);
    }

    @Test
    void aCreationSitePrefixSuppressesEveryThreadLocalCreatedUnderIt() throws Exception {
        Path file = file("TASK_LEAK io.localdrop.it.diagnose.  fixtures leak on purpose",
                "BLEED io.localdrop.it.diagnose.RequestContext  fixtures bleed on purpose");
        Diagnosed run = Diagnosed.run(BleedFixture.class, "suppress=" + file);
        assertEquals(List.of(), run.problems(), run::toString);
        assertEquals(1, run.report.suppressed().get(0).findings(), run::toString);
        assertEquals(1, run.report.suppressed().get(1).findings(), run::toString);
        assertEquals(2, SummaryAgreement.suppressedInSummary(run), run::toString);
        SummaryAgreement.assertAgree(run);
    }

    @Test
    void anEntryWithoutAReasonStopsTheJvmBeforeMainWithOneLine() throws Exception {
        Path file = file("# vendor code", "", "BLEED " + CURRENT);
        ChildJvm.Result result = ChildJvm.main(BleedFixture.class).agentOptions("suppress=" + file).run().assertExit(2);
        assertEquals(List.of("localdrop: bad suppression file " + file + " line 3: no reason after BLEED " + CURRENT
                + "; every suppression says why (the rest of the line); entries are KIND THREADLOCAL REASON"),
                result.stderrLines(), result::toString);
        assertEquals("", result.stdout(), "main did not run\n" + result);
    }

    @Test
    void anUnknownKindStopsTheJvmBeforeMainWithOneLine() throws Exception {
        Path file = file("LEAK " + CURRENT + " vendor code");
        ChildJvm.Result result = ChildJvm.main(BleedFixture.class).agentOptions("suppress=" + file).run().assertExit(2);
        assertEquals(1, result.stderrLines().size(), result::toString);
        assertTrue(result.stderrLines().get(0).startsWith("localdrop: bad suppression file " + file
                + " line 1: unknown kind 'LEAK'"), result::toString);
        assertEquals("", result.stdout(), result::toString);
    }

    @Test
    void aFileThatCannotBeReadStopsTheJvmBeforeMainWithOneLine() throws Exception {
        Path missing = Files.createTempDirectory("suppress-").resolve("missing.txt");
        ChildJvm.Result result = ChildJvm.main(BleedFixture.class).agentOptions("suppress=" + missing).run()
                .assertExit(2);
        assertEquals(List.of("localdrop: cannot read the suppression file " + missing + " (option suppress): no such file"),
                result.stderrLines(), result::toString);
        assertEquals("", result.stdout(), result::toString);
    }

    private static Path file(String... lines) throws Exception {
        Path file = Files.createTempFile("suppress-", ".txt");
        file.toFile().deleteOnExit();
        Files.write(file, List.of(lines));
        return file;
    }
}
