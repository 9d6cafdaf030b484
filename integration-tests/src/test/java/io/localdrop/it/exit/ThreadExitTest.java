package io.localdrop.it.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.localdrop.it.support.ChildJvm;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Rule 4 through the agent, for every kind of thread, in child JVMs with {@code -javaagent} and no code change. */
class ThreadExitTest {

    /** The agent options of every child: thread-exit hooks only here; {@link ThreadExitDefaultModeTest} runs all again by default. */
    String options() {
        return "mode=off";
    }

    ChildJvm.Result run(String... args) throws Exception {
        ChildJvm.Result result = ChildJvm.main(ExitFixture.class).agentOptions(options()).args(args).run().assertExit(0);
        assertFalse(result.stderr().contains("has no exit hook"), "no thread may look hookless with the agent: " + result);
        return result;
    }

    @Test
    void plainThreadDestroysItsKeysOnItselfLastInitializedFirstBeforeJoinReturns() throws Exception {
        ChildJvm.Result result = run("plain");
        assertEquals(List.of("body done", "destroyed second on plain-worker", "destroyed first on plain-worker", "joined"),
                result.stdoutLines(), result::toString);
    }

    @Test
    void threadEndedByAnUncaughtExceptionDestroysItsKeysAfterItsHandler() throws Exception {
        ChildJvm.Result result = run("uncaught");
        assertEquals(List.of("handler saw boom on throwing-worker key ALIVE", "destroyed doomed on throwing-worker", "joined"),
                result.stdoutLines(), result::toString);
    }

    @Test
    void poolWorkersDestroyTheirKeysWhenThePoolShutsDown() throws Exception {
        ChildJvm.Result result = run("pool");
        List<String> lines = result.stdoutLines();
        assertEquals("tasks done", lines.get(0), result::toString);
        assertEquals("workers joined", lines.get(lines.size() - 1), result::toString);
        assertEquals(List.of("destroyed pooled on pool-worker-1", "destroyed pooled on pool-worker-2",
                "destroyed pooled on pool-worker-3"), lines.subList(1, lines.size() - 1).stream().sorted().toList(),
                result::toString);
    }

    @Test
    void mainThreadDestroysItsKeysWhenMainReturns() throws Exception {
        ChildJvm.Result result = run("main");
        assertEquals(List.of("main returns", "destroyed main-key on main"), result.stdoutLines(), result::toString);
    }

    @Test
    void withoutTheAgentNothingIsDestroyedAtExit() throws Exception {
        // the baseline that makes the tests above mean something: the same fixture, no agent
        ChildJvm.Result result = ChildJvm.main(ExitFixture.class).noAgent().args("plain").run().assertExit(0);
        assertEquals(List.of("body done", "joined"), result.stdoutLines(), result::toString);
        assertTrue(result.stderr().contains("has no exit hook"), result::toString);
    }

    @Test
    void tenThousandVirtualThreadsNormalAndThrowingEachDestroyExactlyOnceOnThemselves() throws Exception {
        assumeTrue(ChildJvm.javaFeature() >= 21, "virtual threads need JDK 21+");
        ChildJvm.Result result = run("virtual", "10000");
        assertEquals(List.of("virtual=true threads=10000 destroyedExactlyOnce=10000 wrongThread=0 notDestroyedAtJoin=0"
                + " uncaughtHandled=5000"), result.stdoutLines(), result::toString);
    }

    /**
     * JDK 25 resets an idle common-pool worker's maps. (JDK 17 and 21 erase them after each top-level task, but there
     * the submitting thread's {@code get()} may run this one task itself: {@link CommonPoolWipeTest} covers them.)
     */
    @Test
    void forkJoinWorkerWhoseThreadLocalsAreWipedDestroysItsKeysFirstOnJdk25() throws Exception {
        assumeTrue(ChildJvm.javaFeature() >= 25, "on 17 the caller may run the task itself; CommonPoolWipeTest covers 17");
        ChildJvm.Result result = run("wipe");
        assertEquals(List.of("destroyed=true on ForkJoinPool.commonPool-worker-1 (the task's worker: true) worker alive=true"),
                result.stdoutLines(), result::toString);
    }

    @Test
    void agentFeaturesSeeTheExitAfterTheOwnedKeysWereDestroyed() throws Exception {
        ChildJvm.Result result = run("features");
        assertEquals(List.of("body done", "destroyed second on plain-worker", "destroyed first on plain-worker",
                "feature saw event 0 on plain-worker", "joined"), result.stdoutLines(), result::toString);
    }

    @Test
    void aRepeatedExitEventDestroysNothingTwice() throws Exception {
        ChildJvm.Result result = run("exitTwice");
        assertEquals(List.of("destroyed once on twice-worker", "state after the first exit event DESTROYED", "joined"),
                result.stdoutLines(), result::toString);
    }

    /**
     * A thread that never used a ThreadLocal costs the agent one field read at its end: no handler runs, the bridge
     * counts it (diagnose's report still counts every thread). A thread that used only an owned key has it destroyed
     * and then nothing for the features: no feature event either. The threads that held a plain ThreadLocal's value
     * are the paired variant: their exit event comes.
     */
    @Test
    void threadsThatNeverUsedAThreadLocalEndWithoutAnEventAndAreStillCounted() throws Exception {
        ChildJvm.Result result = run("quiet", "200");
        List<String> lines = result.stdoutLines();
        assertEquals("bare with an event=0 local with an event=true key-only with an event=0 destroyed=true"
                + " bare and key-only counted=true",
                lines.get(0), result::toString);
        if (options() == null) {
            assertEquals("report counts every thread=true", lines.get(1), result::toString);
        }
    }
}
