package io.localdrop.agent.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Option report is tried at start-up: its directory is made, a probe file created and deleted in it. */
class ReportLocationTest {

    @Test
    void theDirectoryIsCreatedAndNoProbeIsLeft(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("a/b/r.json");
        AgentOptions.parse("report=" + report).checkReportLocation();
        assertTrue(Files.isDirectory(report.getParent()));
        try (Stream<Path> left = Files.list(report.getParent())) {
            assertEquals(List.of(), left.collect(Collectors.toList()));
        }
    }

    @Test
    void aDirectoryThatCannotBeWrittenIsABadOption() {
        String message = assertThrows(BadOptionException.class,
                () -> AgentOptions.parse("report=/proc/x.json").checkReportLocation()).getMessage();
        assertTrue(message.startsWith("localdrop: bad agent option 'report=/proc/x.json': cannot create a file in /proc ("),
                message);
        assertTrue(message.endsWith("; accepted values are a file path whose directory exists or can be created, and can be"
                + " written"), message);
    }

    @Test
    void aDirectoryThatCannotBeCreatedIsABadOption(@TempDir Path dir) throws Exception {
        Path file = Files.createFile(dir.resolve("plain-file"));
        String message = assertThrows(BadOptionException.class,
                () -> AgentOptions.parse("report=" + file.resolve("r.json")).checkReportLocation()).getMessage();
        assertTrue(message.contains("cannot create the directory " + file + " (FileAlreadyExistsException"), message);
    }

    @Test
    void aDeviceIsABadOptionBeforeAnythingIsTried() {
        // each write renames a file over the report: as root, /dev/null would become a plain file
        String message = assertThrows(BadOptionException.class,
                () -> AgentOptions.parse("report=/dev/null").checkReportLocation()).getMessage();
        assertEquals("localdrop: bad agent option 'report=/dev/null': it is not a regular file (a device, pipe or socket),"
                + " and each write replaces the file; accepted values are a file path whose directory exists or can be"
                + " created, and can be written", message);
        assertTrue(Files.exists(Path.of("/dev/null")) && !Files.isRegularFile(Path.of("/dev/null")));
    }

    @Test
    void noReportNothingTried() {
        AgentOptions.parse("mode=off").checkReportLocation();
    }
}
