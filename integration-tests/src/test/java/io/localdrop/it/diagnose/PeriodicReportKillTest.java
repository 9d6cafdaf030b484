package io.localdrop.it.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.it.support.ChildJvm;
import io.localdrop.testing.LeakReport;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The periodic writer under SIGKILL: JVMs writing a large report every 10 ms are killed at random points (after a
 * random number of completed writes; every other one as soon as its temporary file is seen, in the middle of a write). After every kill the report on disk parses; at most one temporary file is
 * left, the killed JVM's own (SIGKILL runs no cleanup), and the next JVM writing the same report removes it at
 * start-up. Then JVMs that exit normally while the writer runs leave no temporary file at all.
 */
class PeriodicReportKillTest {
    static final long SEED = 0x6b111L;
    static final int KILLS = 8;
    static final int EXITS = 3;

    @Test
    void killedWritersLeaveAParsableReportAndTheNextWriterRemovesTheirTemporaryFile() throws Exception {
        Path directory = Files.createTempDirectory("periodic-kill-");
        Path report = directory.resolve("report.json");
        Random random = new Random(SEED);
        int cutOff = 0;
        for (int run = 0; run < KILLS; run++) {
            Process child = start(report, "wait");
            try {
                awaitRewrites(report, 1 + random.nextInt(12), child);
                if (run % 2 == 1) {
                    awaitTemporaryFile(directory, child); // then killed in the middle of a write, on purpose
                }
            } finally {
                child.destroyForcibly(); // SIGKILL on Linux
                child.waitFor();
            }
            LeakReport parsed = LeakReport.read(report);
            assertEquals(child.pid(), parsed.jvm().pid(), "the report on disk is a whole one of this JVM");
            List<Path> temporaries = temporaries(directory);
            for (Path temporary : temporaries) {
                assertTrue(temporary.getFileName().toString().startsWith(".report.json." + child.pid() + "."),
                        "only the killed JVM's own temporary file may be left, the earlier ones removed: " + temporaries);
            }
            assertTrue(temporaries.size() <= 1, temporaries::toString);
            cutOff += temporaries.size();
        }
        System.out.println("PeriodicReportKillTest: " + KILLS + " kills, " + cutOff + " cut a write off half way");
        for (int exit = 0; exit < EXITS; exit++) {
            // each ends while its periodic writer runs every 10 ms: the last write at shutdown stops the later ones
            Process last = start(report, "exit");
            assertTrue(last.waitFor(3, TimeUnit.MINUTES), "the JVM did not end");
            assertEquals(0, last.exitValue());
            assertEquals(List.of(), temporaries(directory), "a normal exit leaves no temporary file");
            assertEquals(last.pid(), LeakReport.read(report).jvm().pid());
        }
        // the 400 ThreadLocals of one creation line are one finding (grouped by site), counted 400 times
        assertTrue(LeakReport.read(report).findings().stream().anyMatch(finding -> finding.count() >= 400),
                () -> "no finding counts the 400 leaks");
        Files.delete(report);
        Files.delete(directory);
    }

    private static Process start(Path report, String how) throws Exception {
        List<String> command = ChildJvm.main(PeriodicReportFixture.class)
                .agentOptions("report=" + report + ",reportInterval=10ms,log=quiet").args(report.toString(), how).command();
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    }

    /** Waits until the report file was replaced {@code rewrites} times by {@code child} (each rename is a new inode). */
    private static void awaitRewrites(Path report, int rewrites, Process child) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        Object last = null;
        int seen = 0;
        while (seen < rewrites) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("the child (alive " + child.isAlive() + ") wrote " + seen + " of " + rewrites
                        + " reports");
            }
            Object key = Files.exists(report) ? Files.readAttributes(report, BasicFileAttributes.class).fileKey() : null;
            if (key != null && !key.equals(last)) {
                if (last != null || seen == 0 && isFrom(report, child)) {
                    seen++;
                }
                last = key;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /**
     * Watches the directory without pausing until {@code child}'s temporary file appears (a write is under way);
     * gives up quietly after a while (the kill then lands elsewhere in the writer's cycle, which is also a case).
     */
    private static void awaitTemporaryFile(Path directory, Process child) throws Exception {
        String prefix = ".report.json." + child.pid() + ".";
        for (int tries = 0; tries < 200_000 && child.isAlive(); tries++) {
            try (Stream<Path> files = Files.list(directory)) {
                if (files.anyMatch(file -> file.getFileName().toString().startsWith(prefix))) {
                    return;
                }
            }
        }
    }

    /** Whether the report on disk was written by {@code child} (not left by the previous run). */
    private static boolean isFrom(Path report, Process child) {
        try {
            return LeakReport.read(report).jvm().pid() == child.pid();
        } catch (Exception replacedMeanwhile) {
            return false;
        }
    }

    private static List<Path> temporaries(Path directory) throws Exception {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".tmp")).sorted().collect(Collectors.toList());
        }
    }
}
