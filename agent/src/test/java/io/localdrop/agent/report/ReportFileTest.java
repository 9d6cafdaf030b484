package io.localdrop.agent.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The report file: mode 0600, replaced whole, no temporary file left behind, stale ones of dead writers removed. */
class ReportFileTest {
    @AfterEach
    void reopen() {
        ReportFile.reopen();
    }

    @Test
    void writesWithMode0600AndReplacesAtomically(@TempDir Path directory) throws Exception {
        Path report = directory.resolve("report.json");
        ReportFile.write(report, "{\"first\": 1}");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
        ReportFile.write(report, "{\"second\": 2}");
        assertEquals("{\"second\": 2}", Files.readString(report));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(report)));
        assertEquals(List.of(report), files(directory));
    }

    @Test
    void aReportThatIsNoLongerARegularFileIsNotReplaced(@TempDir Path directory) throws Exception {
        // the rename would replace it: a named pipe stands for a device such as /dev/null (replaced when run as root)
        Path report = directory.resolve("report.json");
        Process mkfifo = new ProcessBuilder("mkfifo", report.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is needed to make a named pipe");
        IOException refused = assertThrows(IOException.class, () -> ReportFile.write(report, "{}"));
        assertTrue(refused.getMessage().endsWith("report.json is not a regular file; the report is not written over it"),
                refused.getMessage());
        assertTrue(Files.exists(report) && !Files.isRegularFile(report), "still the pipe");
        assertEquals(List.of(report), files(directory));
    }

    @Test
    void afterCloseNoWriteHappens(@TempDir Path directory) throws Exception {
        Path report = directory.resolve("report.json");
        ReportFile.write(report, "{\"last\": 1}");
        ReportFile.close();
        ReportFile.write(report, "{\"late\": 2}");
        assertEquals("{\"last\": 1}", Files.readString(report));
    }

    @Test
    void temporaryFilesOfDeadProcessesAndOfThisOneAreRemovedOthersKept(@TempDir Path directory) throws Exception {
        Path report = directory.resolve("report.json");
        long dead = deadPid();
        long self = ProcessHandle.current().pid();
        Path ofDead = Files.createFile(directory.resolve(".report.json." + dead + ".123.tmp"));
        Path ofSelf = Files.createFile(directory.resolve(".report.json." + self + ".456.tmp"));
        Path ofLiving = Files.createFile(directory.resolve(".report.json.1.789.tmp")); // pid 1 lives as long as we do
        Path notOurs = Files.createFile(directory.resolve(".report.json.x.tmp"));
        Path otherReport = Files.createFile(directory.resolve(".other.json." + dead + ".1.tmp"));
        ReportFile.removeStaleTemporaries(report);
        List<Path> left = files(directory);
        assertTrue(!left.contains(ofDead) && !left.contains(ofSelf), left::toString);
        assertTrue(left.contains(ofLiving) && left.contains(notOurs) && left.contains(otherReport), left::toString);
        Files.delete(ofLiving);
        ReportFile.write(report, "{}");
        assertEquals(List.of(notOurs, otherReport, report).stream().sorted().collect(Collectors.toList()), files(directory));
    }

    /** A pid no process has: that of a child that has ended (reused only after the pid space wraps). */
    private static long deadPid() throws Exception {
        Process child = new ProcessBuilder("true").start();
        child.waitFor();
        return child.pid();
    }

    private static List<Path> files(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.sorted().collect(Collectors.toList());
        }
    }
}
