package io.localdrop.it.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.localdrop.it.support.ChildJvm;
import io.localdrop.testing.Kind;
import io.localdrop.testing.LeakReport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deferred installation under {@code -javaagent} (docs/agent.md, "When the agent installs itself"): threads that
 * started before the first class that needs the agent are still covered, and a JVM that never needs it still writes
 * its report and summary.
 */
class ActivationTest {
    @Test
    void aVirtualThreadStartedBeforeTheFirstOwnedKeyHasItsKeyDestroyedWhenItEnds() throws Exception {
        assumeTrue(ChildJvm.javaFeature() >= 21, "virtual threads");
        ChildJvm.Result result = ChildJvm.main(VirtualActivationFixture.class).agentOptions("mode=off,log=debug")
                .run().assertExit(0);
        assertEquals(List.of("used;destroyed on the-virtual-thread;"), result.stdoutLines(), result::toString);
        assertTrue(result.stderr().contains("; at the loading of java.lang.ThreadBuilders"), result::toString);
    }

    @Test
    void aPoolWorkerStartedBeforeTheFirstThreadLocalStillSeesItsTaskBoundaries() throws Exception {
        ChildJvm.Result result = ChildJvm.main(ActivationFixture.class).agentOptions("log=debug").args("pool")
                .run().assertExit(0);
        assertEquals(List.of("tasks done"), result.stdoutLines(), result::toString);
        assertTrue(result.stderr().contains("; at the loading of java.util.concurrent.ThreadPoolExecutor$Worker"),
                result::toString);
        assertTrue(result.stderr().contains("TASK_LEAK"), result::toString);
    }

    @Test
    void aTimerStartedBeforeTheFirstThreadLocalSeesEveryTimerTask(@TempDir Path directory) throws Exception {
        Path report = directory.resolve("report.json");
        ChildJvm.Result result = ChildJvm.main(ActivationFixture.class).agentOptions("report=" + report + ",log=debug")
                .args("timer").run().assertExit(0);
        assertEquals(List.of("tasks done"), result.stdoutLines(), result::toString);
        assertTrue(result.stderr().contains("; at the loading of java.util.TimerThread"), result::toString);
        assertFalse(result.stderr().contains("internal error"), result::toString);
        // both TimerTasks left a value, the first one included: the timer's thread was in mainLoop already
        LeakReport leaks = LeakReport.parse(Files.readString(report));
        assertEquals(1, leaks.findings(Kind.TASK_LEAK).size(), result::toString);
        assertEquals(2, leaks.findings(Kind.TASK_LEAK).get(0).count(), result::toString);
    }

    @Test
    void aJvmThatNeverNeedsTheAgentWritesAnEmptyReportAndItsSummary(@TempDir Path directory) throws Exception {
        Path report = directory.resolve("never-installed.json");
        ChildJvm.Result result = ChildJvm.main(ActivationFixture.class).agentOptions("report=" + report + ",log=debug")
                .args("nothing").run().assertExit(0);
        assertEquals(List.of("hello"), result.stdoutLines(), result::toString);
        assertTrue(result.stderr().contains("localdrop: agent loaded (mode=diagnose)"), result::toString);
        assertFalse(result.stderr().contains("localdrop: agent installed"), result::toString);
        String json = Files.readString(report);
        assertTrue(json.startsWith("{\n  \"format\": \"localdrop-report/1\""), json);
        assertTrue(json.contains("\"findings\": []"), json);
        assertTrue(result.stderr().contains("localdrop: 0 findings (0 errors, 0 warnings, 0 infos); report: "
                + report.toAbsolutePath()), result::toString);
    }
}
