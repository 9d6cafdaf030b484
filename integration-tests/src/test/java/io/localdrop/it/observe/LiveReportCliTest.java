package io.localdrop.it.observe;

import io.localdrop.it.support.ChildJvm;
import io.localdrop.it.support.ReportSchema;
import io.localdrop.testing.Finding;
import io.localdrop.testing.LeakReport;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code report PID} and {@code list} against running JVMs: the live report of the leaky example holds the
 * findings its final report later holds; a JVM without the agent gets it in mode=diagnose with a note; a PID
 * that does not exist, a process that is no JVM, and a JVM that refuses the attach each give one line and
 * status 2 (and the process that is no JVM survives: it was never signalled).
 */
class LiveReportCliTest {
    private static final long TIMEOUT_SECONDS = 180;

    @Test
    void theLiveReportHoldsTheFindingsOfTheFinalReport() throws Exception {
        Path directory = Files.createTempDirectory("live-");
        Path finalReport = directory.resolve("final.json");
        Path live = directory.resolve("live.json");
        try (Running child = Running.start(ChildJvm.main(LiveLeakyPoolFixture.class).agentOptions("report=" + finalReport))) {
            ChildJvm.Result listed = Cli.run("list", child.pid());
            listed.assertExit(0);
            assertTrue(listed.stdout().contains(child.pid() + " ") && listed.stdout().contains("loaded"), listed.toString());

            ChildJvm.Result result = Cli.run("report", child.pid(), "-o", live.toString());
            result.assertExit(0);
            assertEquals("", result.stderr(), "the agent was loaded: no note");

            ChildJvm.Result text = Cli.run("report", child.pid(), "--format", "text");
            text.assertExit(0);
            assertTrue(text.stdout().contains("ERROR BLEED io.localdrop.examples.LeakyPool.CURRENT_USER"), text.toString());
            assertTrue(text.stdout().contains("set at  " + LeakyPoolRun.setLine()), text.toString());
            ChildJvm.Result html = Cli.run("report", child.pid(), "--format", "html");
            html.assertExit(0);
            assertTrue(html.stdout().startsWith("<!DOCTYPE html>") && html.stdout().contains("data-kind=\"BLEED\""),
                    html.toString());
            child.finish();
        }
        LeakReport atRun = LeakReport.parse(ReportSchema.assertValid(Files.readString(live)));
        LeakReport atEnd = LeakReport.parse(ReportSchema.assertValid(Files.readString(finalReport)));
        assertFalse(atRun.errors().isEmpty(), "the BLEED is in the live report");
        assertEquals(identities(atEnd), identities(atRun), "the live report's findings are the final report's");
        for (Finding finding : atRun.findings()) {
            Finding later = atEnd.findings().stream().filter(f -> f.identity().equals(finding.identity())).findFirst().get();
            assertEquals(later.count(), finding.count(), finding.describe());
        }
    }

    @Test
    void aJvmWithoutTheAgentGetsItInDiagnoseModeAndThenFindsWhatNewlyLoadedCodeDoes() throws Exception {
        try (Running child = Running.start(ChildJvm.main(LiveLeakyPoolFixture.class).noAgent().args("later"))) {
            ChildJvm.Result before = Cli.run("list", child.pid());
            assertTrue(before.stdout().matches("(?s).*\\n" + child.pid() + " +- .*"), before.toString());

            ChildJvm.Result loading = Cli.run("report", child.pid());
            loading.assertExit(0);
            assertTrue(loading.stderr().contains("not loaded in JVM " + child.pid()) && loading.stderr().contains("mode=diagnose")
                    && loading.stderr().contains("classes loaded before now are not rewritten"), loading.toString());
            LeakReport first = LeakReport.parse(ReportSchema.assertValid(loading.stdout()));
            assertEquals("diagnose", first.mode());
            assertEquals(Long.parseLong(child.pid()), first.jvm().pid());
            assertTrue(first.findings().isEmpty(), "LeakyPool has not run yet: " + loading.stdout());

            ChildJvm.Result after = Cli.run("list", child.pid());
            assertTrue(after.stdout().matches("(?s).*\\n" + child.pid() + " +loaded .*"), after.toString());

            child.proceed(); // LeakyPool is loaded and runs now, under the agent loaded above
            ChildJvm.Result second = Cli.run("report", child.pid());
            second.assertExit(0);
            assertEquals("", second.stderr(), "loaded now: no note");
            LeakReport found = LeakReport.parse(ReportSchema.assertValid(second.stdout()));
            assertEquals(1, found.findings(io.localdrop.testing.Kind.BLEED).size(), second.stdout());
            Finding bleed = found.findings(io.localdrop.testing.Kind.BLEED).get(0);
            assertTrue(bleed.setAtContains(LeakyPoolRun.setLine()) && bleed.readAtContains(LeakyPoolRun.readLine()),
                    bleed.describe());
            child.finish();
        }
    }

    @Test
    void aJvmWhoseJavaagentHasNotInstalledYetAnswersAtOnceWithItsOwnMode() throws Exception {
        // -javaagent in mode=off, and nothing needed the agent yet: the attach's installation once defined the
        // runtime's classes, each firing premain's trigger, whose installation waited for the attach's (30 s a class;
        // the attach hung to the JVM's end). Premain's installation now runs, with premain's mode=off.
        try (Running child = Running.start(ChildJvm.main(LiveLeakyPoolFixture.class).agentOptions("mode=off").args("later"))) {
            long start = System.nanoTime();
            ChildJvm.Result result = Cli.run("report", child.pid());
            long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
            assertTrue(seconds < 20, "the attach took " + seconds + " s: " + result);
            result.assertExit(2);
            assertTrue(result.stderr().contains("JVM " + child.pid() + ": the agent in this JVM publishes no live report (mode=off"),
                    result.toString());
            assertEquals("", result.stdout(), result.toString());
            child.proceed();
            child.finish();
            String childErr = Files.readString(child.output);
            assertTrue(childErr.contains("this attach's options 'mode=diagnose' are ignored"), childErr);
            assertFalse(childErr.contains("internal error"), childErr);
        }
    }

    @Test
    void aPidThatDoesNotExistIsOneLineAndStatus2() throws Exception {
        Process gone = new ProcessBuilder(javaExecutable(), "-version").redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        assertTrue(gone.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        assertOneLineFailure(Cli.run("report", Long.toString(gone.pid())), "does not exist");
    }

    @Test
    void aProcessThatIsNoJvmIsRefusedAndNeverSignalled() throws Exception {
        Process notAJvm = new ProcessBuilder("cat").start(); // waits on its stdin until we close it
        try {
            assertOneLineFailure(Cli.run("report", Long.toString(notAJvm.pid())), "is not a JVM this user can attach to");
            assertTrue(notAJvm.isAlive(), "the process that is no JVM was not signalled");
        } finally {
            notAJvm.getOutputStream().close();
            assertTrue(notAJvm.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
    }

    @Test
    void aJvmThatRefusesTheAttachIsOneLineAndStatus2() throws Exception {
        try (Running child = Running.start(ChildJvm.main(LiveLeakyPoolFixture.class).noAgent()
                .jvmArgs("-XX:+DisableAttachMechanism"))) {
            ChildJvm.Result result = Cli.run("report", child.pid());
            assertOneLineFailure(result, child.pid());
            child.finish();
        }
    }

    @Test
    void reportToIsForAgentmainOnly() throws Exception {
        Path file = Files.createTempDirectory("report-to-").resolve("live.json");
        ChildJvm.Result result = ChildJvm.main(LiveLeakyPoolFixture.class).agentOptions("report-to=" + file).run();
        result.assertExit(2);
        assertTrue(result.stderr().contains("unknown agent option 'report-to="), result.toString());
        assertFalse(Files.exists(file), result.toString());
    }

    @Test
    void badArgumentsAreOneLineAndStatus2() throws Exception {
        assertOneLineFailure(Cli.run("report", "12ab"), "not a PID");
        assertOneLineFailure(Cli.run("report", "1", "--format", "xml"), "--format must be json, text or html");
        assertOneLineFailure(Cli.run("frobnicate"), "unknown command");
    }

    private static void assertOneLineFailure(ChildJvm.Result result, String expected) {
        result.assertExit(2);
        assertEquals(1, result.stderrLines().size(), result.toString());
        assertTrue(result.stderr().startsWith("localdrop: ") && result.stderr().contains(expected), result.toString());
        assertEquals("", result.stdout(), result.toString());
    }

    private static List<String> identities(LeakReport report) {
        return report.findings().stream().map(Finding::identity).sorted().collect(Collectors.toList());
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** A child JVM kept running until {@link #finish} ends its stdin; killed if the test ends otherwise. */
    private static final class Running implements AutoCloseable {
        private final Process process;
        private final Path output;
        private final BufferedReader lines;
        private final OutputStream stdin;

        private Running(Process process, Path output) {
            this.process = process;
            this.output = output;
            this.lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.stdin = process.getOutputStream();
        }

        /** Started, and past its first {@link LiveLeakyPoolFixture#READY}. */
        static Running start(ChildJvm child) throws IOException {
            Path output = Files.createTempFile("live-child-", ".err");
            Running running = new Running(new ProcessBuilder(child.command()).redirectError(output.toFile()).start(), output);
            running.awaitReady();
            return running;
        }

        String pid() {
            return Long.toString(process.pid());
        }

        /** Sends the line the child waits for, and waits until it is waiting again. */
        void proceed() throws IOException {
            stdin.write('\n');
            stdin.flush();
            awaitReady();
        }

        /** Lets the child return from main and waits for its end (its final report, if any, then written). */
        void finish() throws IOException, InterruptedException {
            stdin.close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                fail("the child did not end: " + Files.readString(output));
            }
            assertEquals(0, process.exitValue(), Files.readString(output));
        }

        /** Reads the child's stdout up to the next ready line (LeakyPool's own lines are skipped). */
        private void awaitReady() throws IOException {
            for (String line = lines.readLine(); ; line = lines.readLine()) {
                if (line == null) {
                    close();
                    fail("the child ended before it was ready: " + Files.readString(output));
                }
                if (line.equals(LiveLeakyPoolFixture.READY)) {
                    return;
                }
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
