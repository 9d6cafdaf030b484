package io.localdrop.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The report file: mode 0600, replaced whole, no temporary file left behind. */
class ReportFileTest {
    @Test
    void writesWithMode0600AndReplacesAtomically(@TempDir Path directory) throws Exception {
        Path report = directory.resolve("report.json");
        ReportFile.write(report, "{\"first\": 1}");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
        ReportFile.write(report, "{\"second\": 2}");
        assertEquals("{\"second\": 2}", Files.readString(report));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
        try (Stream<Path> files = Files.list(directory)) {
            assertEquals(List.of(report), files.collect(Collectors.toList()));
        }
    }

    @Test
    void jsonStringsAreEscaped() {
        StringBuilder out = new StringBuilder();
        Json.string(out, "a\"b\\c\nd\u0001");
        assertEquals("\"a\\\"b\\\\c\\nd\\u0001\"", out.toString());
    }
}
