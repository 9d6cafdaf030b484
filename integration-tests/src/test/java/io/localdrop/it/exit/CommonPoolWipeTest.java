package io.localdrop.it.exit;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
