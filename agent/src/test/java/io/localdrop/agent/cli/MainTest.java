package io.localdrop.agent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The tool's usage errors: one line naming what was given and what is accepted. */
class MainTest {
    @Test
    void anUnknownOptionIsNamedWithTheCommandsOwn(@TempDir Path directory) throws Exception {
        // each was "html takes one REPORT.json" / "report takes one PID", naming neither the option nor the accepted ones
        Path report = Files.writeString(directory.resolve("r.json"), "{}");
        assertEquals("unknown option --foo for html (its options: -o FILE; a file whose name starts with '-' is given as"
                + " ./--foo)", failure("html", report.toString(), "--foo"));
        assertEquals("unknown option -x for merge (its options: -o FILE; a file whose name starts with '-' is given as ./-x)",
                failure("merge", "-x", report.toString()));
        assertEquals("unknown option --pid for report (its options: --format json|text|html, -o FILE)",
                failure("report", "--pid", "1"));
        assertEquals("not a PID: -5", failure("report", "-5"), "a negative number is no option");
        assertEquals("html takes one REPORT.json", failure("html", report.toString(), report.toString()), "unchanged");
    }

    @Test
    void aFileThatIsNotUtf8IsSaidSo(@TempDir Path directory) throws Exception {
        Path latin1 = Files.write(directory.resolve("latin1.json"), new byte[] {'{', '"', (byte) 0xe9, '"', '}'});
        String expected = "cannot read " + latin1 + ": it is not UTF-8 text (a report is UTF-8 JSON)";
        assertEquals(expected, failure("html", latin1.toString()));
        assertEquals(expected, failure("merge", latin1.toString()));
    }

    @Test
    void htmlRefusesAReportWhoseCountsAreOutOfRangeAsMergeDoes(@TempDir Path directory) throws Exception {
        // the page showed -3 errors, and a count of 1e30 as 9223372036854775807, as if the agent had written them
        String good = ReportMergeTest.finding("CACHE", "INFO", "x.Cache.take(Cache.java:3)", 2);
        Path negative = Files.writeString(directory.resolve("negative.json"),
                ReportMergeTest.report(good).replace("\"errors\":0", "\"errors\":-3"));
        assertEquals(negative + ": not a localdrop-report/1 report: summary.errors is not a whole number of at least 0"
                + " (docs/report-format.md)", failure("html", negative.toString()));
        Path huge = Files.writeString(directory.resolve("huge.json"),
                ReportMergeTest.report(good.replace("\"count\":2", "\"count\":1e30")));
        assertEquals(huge + ": not a localdrop-report/1 report (it holds the number 1.0E30; a report's numbers are whole)",
                failure("html", huge.toString()));
        Path valid = Files.writeString(directory.resolve("valid.json"), ReportMergeTest.report(good));
        Path page = directory.resolve("valid.html");
        assertEquals(0, Main.run(new String[] {"html", valid.toString(), "-o", page.toString()},
                new PrintStream(OutputStream.nullOutputStream())));
        assertTrue(Files.readString(page).contains("x.Cache.take(Cache.java:3)"));
    }

    private static String failure(String... args) {
        return assertThrows(CliFailure.class, () -> Main.run(args, new PrintStream(OutputStream.nullOutputStream())))
                .getMessage();
    }
}
