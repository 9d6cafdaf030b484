package io.localdrop.agent.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    private static String failure(String... args) {
        return assertThrows(CliFailure.class, () -> Main.run(args, new PrintStream(OutputStream.nullOutputStream())))
                .getMessage();
    }
}
