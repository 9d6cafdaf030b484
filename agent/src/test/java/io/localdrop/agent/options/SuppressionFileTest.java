package io.localdrop.agent.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.agent.findings.FindingKind;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The suppression file's format, and each way a file is refused (one line naming the file, the line, the problem). */
class SuppressionFileTest {
    @TempDir
    Path directory;

    @Test
    void readsEntriesSkippingCommentsAndBlankLines() throws IOException {
        Path file = write("# why each of these is not ours to fix",
                "",
                "CACHE   org.apache.catalina.   Tomcat's per-request dispatch data, reused by design",
                "  \tBLEED\tcom.acme.Ctx.CURRENT\t fixed in 2.4 (#123), see ACME-9  ",
                "EXIT_LEAK com.acme.Pool$Worker.<init> closed by the pool's own reaper");
        List<Suppression> entries = AgentOptions.parse("suppress=" + file).suppressions();
        assertEquals(3, entries.size());
        assertEquals(FindingKind.CACHE, entries.get(0).kind());
        assertEquals("org.apache.catalina.", entries.get(0).threadLocal());
        assertEquals("Tomcat's per-request dispatch data, reused by design", entries.get(0).reason());
        assertEquals(3, entries.get(0).line());
        assertEquals(FindingKind.BLEED, entries.get(1).kind());
        assertEquals("com.acme.Ctx.CURRENT", entries.get(1).threadLocal());
        assertEquals("fixed in 2.4 (#123), see ACME-9", entries.get(1).reason(), "a # inside a reason is kept");
        assertEquals(4, entries.get(1).line());
        assertEquals("com.acme.Pool$Worker.<init>", entries.get(2).threadLocal());
        assertEquals(file, AgentOptions.parse("suppress=" + file).suppressFile().orElseThrow());
    }

    @Test
    void anEmptyFileSuppressesNothing() throws IOException {
        assertEquals(List.of(), AgentOptions.parse("suppress=" + write("# nothing yet")).suppressions());
        assertEquals(List.of(), AgentOptions.parse("").suppressions(), "no option, no entries");
    }

    @Test
    void anEntryWithoutAReasonIsRefused() throws IOException {
        Path file = write("# header", "BLEED com.acme.Ctx.CURRENT   ");
        assertRefused(file, 2, "no reason after BLEED com.acme.Ctx.CURRENT");
    }

    @Test
    void anUnknownKindIsRefused() throws IOException {
        Path file = write("LEAK com.acme.Ctx.CURRENT we know");
        assertRefused(file, 1, "unknown kind 'LEAK'; kinds are BLEED, TASK_LEAK");
        assertRefused(write("bleed com.acme.Ctx.CURRENT kinds are written as in the report"), 1, "unknown kind 'bleed'");
    }

    @Test
    void anEntryWithoutAThreadLocalIsRefused() throws IOException {
        assertRefused(write("TASK_LEAK"), 1, "no ThreadLocal after TASK_LEAK");
    }

    @Test
    void aThreadLocalThatIsNoNameIsRefused() throws IOException {
        assertRefused(write("CACHE org/apache/catalina reason"), 1, "(write class names with '.')");
        assertRefused(write("CACHE com..acme reason"), 1, "'com..acme' is not a field");
        assertRefused(write("CACHE .acme reason"), 1, "'.acme' is not a field");
    }

    @Test
    void aFileThatCannotBeReadIsRefusedWithItsName() throws IOException {
        Path missing = directory.resolve("missing.txt");
        BadOptionException bad = assertThrows(BadOptionException.class,
                () -> AgentOptions.parse("suppress=" + missing));
        assertEquals("localdrop: cannot read the suppression file " + missing.toAbsolutePath()
                + " (option suppress): no such file", bad.getMessage());
        BadOptionException directoryGiven = assertThrows(BadOptionException.class,
                () -> AgentOptions.parse("suppress=" + directory));
        assertTrue(directoryGiven.getMessage().startsWith("localdrop: cannot read the suppression file " + directory),
                directoryGiven.getMessage());
        Path latin1 = directory.resolve("latin1.txt");
        Files.write(latin1, new byte[] {'C', 'A', 'C', 'H', 'E', ' ', 'a', ' ', (byte) 0xe9});
        BadOptionException notUtf8 = assertThrows(BadOptionException.class, () -> AgentOptions.parse("suppress=" + latin1));
        assertTrue(notUtf8.getMessage().endsWith("it is not UTF-8 text"), notUtf8.getMessage());
        for (BadOptionException each : List.of(bad, directoryGiven, notUtf8)) {
            assertFalse(each.getMessage().contains("\n"), each.getMessage());
        }
    }

    @Test
    void aFileThatIsNoRegularFileOrTooLargeIsRefusedWithoutReadingIt() throws Exception {
        // /dev/zero once filled the heap before main (the JVM aborted with a stack trace) and a pipe blocked it forever
        assertCannotRead(Path.of("/dev/zero"), "it is not a regular file (a device, pipe or socket)");
        Path pipe = directory.resolve("pipe");
        Process mkfifo = new ProcessBuilder("mkfifo", pipe.toString()).start();
        if (mkfifo.waitFor() == 0) {
            assertCannotRead(pipe, "it is not a regular file (a device, pipe or socket)");
        }
        assertCannotRead(directory, "it is a directory");
        Path huge = directory.resolve("huge.txt");
        Files.write(huge, new byte[SuppressionFile.MAX_BYTES + 1]);
        assertCannotRead(huge, "it is larger than 1 MiB");
        String entry = "CACHE org.apache.catalina. reason\n#";
        Path justFits = directory.resolve("fits.txt");
        Files.writeString(justFits, entry + "x".repeat(SuppressionFile.MAX_BYTES - entry.length()));
        assertEquals(SuppressionFile.MAX_BYTES, Files.size(justFits));
        assertEquals(1, AgentOptions.parse("suppress=" + justFits).suppressions().size());
    }

    @Test
    void linesEndAtLineFeedCarriageReturnOrBoth() throws IOException {
        Path file = directory.resolve("endings.txt");
        Files.writeString(file, "CACHE a.B one\r\nCACHE a.C two\rCACHE a.D three\nCACHE a.E four");
        List<Suppression> entries = AgentOptions.parse("suppress=" + file).suppressions();
        assertEquals(4, entries.size());
        assertEquals("two", entries.get(1).reason());
        assertEquals(3, entries.get(2).line());
        assertEquals("four", entries.get(3).reason());
    }

    @Test
    void aByteOrderMarkIsSkipped() throws IOException {
        Path file = directory.resolve("bom.txt");
        Files.writeString(file, "\uFEFFBLEED com.acme.Ctx.CURRENT saved by Notepad\n");
        List<Suppression> entries = AgentOptions.parse("suppress=" + file).suppressions();
        assertEquals(FindingKind.BLEED, entries.get(0).kind());
        assertEquals(1, entries.get(0).line());
    }

    private void assertCannotRead(Path file, String why) {
        BadOptionException bad = assertThrows(BadOptionException.class, () -> AgentOptions.parse("suppress=" + file));
        assertEquals("localdrop: cannot read the suppression file " + file.toAbsolutePath() + " (option suppress): " + why,
                bad.getMessage());
    }

    @Test
    void shutdownWaitAcceptsZeroToSixtySecondsInMsOrS() {
        assertEquals(AgentOptions.DEFAULT_SHUTDOWN_WAIT, AgentOptions.parse("").shutdownWait());
        assertEquals(0, AgentOptions.parse("shutdownWait=0s").shutdownWait().toMillis());
        assertEquals(250, AgentOptions.parse("shutdownWait=250ms").shutdownWait().toMillis());
        assertEquals(60_000, AgentOptions.parse("shutdownWait=60s").shutdownWait().toMillis());
        for (String bad : new String[] {"shutdownWait=61s", "shutdownWait=1m", "shutdownWait=5", "shutdownWait=s",
                "shutdownWait=-1s", "shutdownWait=1.5s"}) {
            BadOptionException refused = assertThrows(BadOptionException.class, () -> AgentOptions.parse(bad), bad);
            assertTrue(refused.getMessage().startsWith("localdrop: bad agent option '" + bad + "'"), refused.getMessage());
            assertTrue(refused.getMessage().contains("accepted values are"), refused.getMessage());
        }
    }

    private void assertRefused(Path file, int line, String problem) {
        BadOptionException bad = assertThrows(BadOptionException.class, () -> AgentOptions.parse("suppress=" + file));
        String prefix = "localdrop: bad suppression file " + file.toAbsolutePath() + " line " + line + ": ";
        assertTrue(bad.getMessage().startsWith(prefix), bad.getMessage());
        assertTrue(bad.getMessage().contains(problem), bad.getMessage());
        assertTrue(bad.getMessage().endsWith("; entries are KIND THREADLOCAL REASON"), bad.getMessage());
        assertFalse(bad.getMessage().contains("\n"), bad.getMessage());
    }

    private Path write(String... lines) throws IOException {
        Path file = Files.createTempFile(directory, "suppress-", ".txt");
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return file;
    }
}
