package io.localdrop.it.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.localdrop.it.support.ChildJvm;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The JDK erases the ThreadLocal maps of some threads that live on: the common ForkJoinPool's workers (JDK 17 and
 * 21: {@code ThreadLocalRandom.eraseThreadLocals} after each top-level task; JDK 25: {@code
 * ForkJoinWorkerThread.resetThreadLocals} when a worker goes idle) and the Cleaner's thread ({@code
 * InnocuousThread.eraseThreadLocals} after each cleaning action). Each value must be destroyed or closed first,
 * exactly once, on its own thread. Two workers ({@code parallelism=2}) so that the common pool is used on 2 cores.
 */
class CommonPoolWipeTest {
    private static final String PARALLELISM = "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2";
    private static final List<String> EVERY_VALUE_ONCE_ON_ITS_THREAD =
            List.of("createdOnWorkers>0=true notEnded=0 endedMoreThanOnce=0 wrongThread=0");

    private static ChildJvm.Result run(String options, String scenario) throws Exception {
        return ChildJvm.main(CommonPoolFixture.class).agentOptions(options).jvmArgs(PARALLELISM).args(scenario)
                .timeout(Duration.ofMinutes(4)).run().assertExit(0);
    }

    @Test
    void ownedKeysOnCommonPoolWorkersAreDestroyedExactlyOnceOnTheirOwnWorker() throws Exception {
        ChildJvm.Result result = run(null, "owned");
        assertEquals(EVERY_VALUE_ONCE_ON_ITS_THREAD, result.stdoutLines(), result::toString);
    }

    @Test
    void enforceClosesAutoCloseablesOnCommonPoolWorkersExactlyOnceOnTheirOwnWorker() throws Exception {
        ChildJvm.Result result = run("mode=enforce", "closeables");
        assertEquals(EVERY_VALUE_ONCE_ON_ITS_THREAD, result.stdoutLines(), result::toString);
    }

    @Test
    void cleanerThreadDestroysTheKeysOfACleaningActionBeforeItErasesItsThreadLocals() throws Exception {
        ChildJvm.Result result = run("mode=off", "cleaner");
        assertEquals(List.of("action ran=true destroyed=true on Cleaner-0 (the action's thread: true)", "cleaner kept true"),
                result.stdoutLines(), result::toString);
    }

    /**
     * Under diagnose (default options) the erase after a task that used no ThreadLocal finds only the agent's own idle
     * state and sends no wipe event; after tasks that used one, the event comes (the paired variant).
     */
    @Test
    void eraseOfMapsHoldingOnlyTheAgentsIdleStateSendsNoWipeEvent() throws Exception {
        assumeTrue(ChildJvm.javaFeature() < 25, "JDK 25 does not erase after each task (it resets idle workers)");
        ChildJvm.Result result = run(null, "idleWipes");
        assertEquals(List.of("idle tasks on workers=true wipe events after them=0; ThreadLocal tasks on workers=true"
                + " wipe events after them=true"), result.stdoutLines(), result::toString);
    }
}
