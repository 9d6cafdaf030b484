package io.localdrop.testing;

import static io.localdrop.testing.LocaldropLeakCheckTest.failureMessages;
import static io.localdrop.testing.LocaldropLeakCheckTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;

/**
 * The JUnit extension against the real agent in this JVM (Surefire's argLine starts it): sample
 * tests that leak per-thread state in a thread pool fail, with the leaking line in the message, and
 * the same tests written cleanly pass. The samples run through JUnit's EngineTestKit.
 */
class LeakCheckWithAgentTest {

    @BeforeAll
    static void theAgentRunsInThisJvm() {
        assertTrue(LiveReport.bridge().agentPresent(),
                "this test needs the agent: Surefire's argLine must have -javaagent:${localdrop.agent.jar}");
    }

    /** Runs {@code task} on a fresh one-thread pool, then shuts the pool down and waits: the task has ended. */
    static void onPooledThread(Runnable... tasks) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            for (Runnable task : tasks) {
                pool.submit(task).get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdown();
            assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        }
    }

    static int line() {
        return new Throwable().getStackTrace()[1].getLineNumber();
    }

    @NoThreadLocalLeaks
    static class TaskLeakSample {
        static final ThreadLocal<StringBuilder> BUFFER = new ThreadLocal<>();
        static volatile int setLine;

        @Test
        void leavesAValueOnAPooledThread() throws Exception {
            onPooledThread(() -> { BUFFER.set(new StringBuilder("order-42")); setLine = line(); });
        }
    }

    @NoThreadLocalLeaks
    static class BleedSample {
        static final ThreadLocal<String> USER = new ThreadLocal<>();
        static volatile int setLine;
        static volatile int readLine;
        static volatile String seen;

        @Test
        void aLaterTaskSeesTheUserOfAnEarlierOne() throws Exception {
            onPooledThread(() -> { USER.set("alice"); setLine = line(); },
                    () -> { seen = USER.get(); readLine = line(); });
        }
    }

    @NoThreadLocalLeaks
    static class CleanSample {
        static final ThreadLocal<StringBuilder> BUFFER = new ThreadLocal<>();

        @Test
        void removesWhatItSets() throws Exception {
            onPooledThread(() -> {
                BUFFER.set(new StringBuilder("order-42"));
                try {
                    BUFFER.get().append('!');
                } finally {
                    BUFFER.remove();
                }
            });
        }
    }

    @NoThreadLocalLeaks(Kind.BLEED)
    static class OnlyBleedCheckedSample {
        static final ThreadLocal<StringBuilder> BUFFER = new ThreadLocal<>();

        @Test
        void aTaskLeakIsNotCheckedHere() throws Exception {
            onPooledThread(() -> BUFFER.set(new StringBuilder()));
        }
    }

    /** The leak of BleedSample, allowed with a reason: both kinds it causes (BLEED, and TASK_LEAK at task end). */
    @NoThreadLocalLeaks
    @AllowThreadLocalLeak(kind = Kind.BLEED, threadLocal = "io.localdrop.testing.LeakCheckWithAgentTest$AllowedBleedSample.USER",
            reason = "ACME-42: the legacy login filter never clears it")
    static class AllowedBleedSample {
        static final ThreadLocal<String> USER = new ThreadLocal<>();

        @Test
        @AllowThreadLocalLeak(kind = Kind.TASK_LEAK, threadLocal = "io.localdrop.testing.LeakCheckWithAgentTest$AllowedBleedSample",
                reason = "ACME-42: same ThreadLocal")
        void aLaterTaskSeesTheUserOfAnEarlierOne() throws Exception {
            onPooledThread(() -> USER.set("alice"), () -> USER.get());
        }
    }

    /** The same leak, allowed for another ThreadLocal only: still fails. */
    @NoThreadLocalLeaks
    @AllowThreadLocalLeak(kind = Kind.BLEED, threadLocal = "io.localdrop.testing.LeakCheckWithAgentTest$AllowedOtherSample.USER_ID",
            reason = "only the numeric id is accepted")
    static class AllowedOtherSample {
        static final ThreadLocal<String> USER = new ThreadLocal<>();

        @Test
        void aLaterTaskSeesTheUserOfAnEarlierOne() throws Exception {
            onPooledThread(() -> USER.set("alice"), () -> USER.get());
        }
    }

    @NoThreadLocalLeaks
    static class BlankReasonSample {
        static final ThreadLocal<String> USER = new ThreadLocal<>();
        static volatile boolean ran;

        @Test
        @AllowThreadLocalLeak(kind = Kind.BLEED, threadLocal = "io.localdrop.testing.", reason = "  ")
        void allowsWithoutSayingWhy() throws Exception {
            ran = true;
            onPooledThread(() -> USER.set("alice"), () -> USER.get());
        }
    }

    @Test
    void aLeakAllowedWithAReasonPassesAndIsPublishedWithTheReason() {
        EngineExecutionResults results = run(AllowedBleedSample.class);
        results.testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
        List<String> entries = results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs()
                        .get(LocaldropLeakCheck.SUPPRESSED_ENTRY))
                .collect(Collectors.toList());
        assertEquals(2, entries.size(), entries.toString());
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("BLEED (ERROR): ThreadLocal io.localdrop.testing.LeakCheckWithAgentTest$AllowedBleedSample.USER")
                && e.contains("reason = \"ACME-42: the legacy login filter never clears it\"")), entries.toString());
        assertTrue(entries.stream().anyMatch(e -> e.startsWith("TASK_LEAK (WARNING)")
                && e.contains("reason = \"ACME-42: same ThreadLocal\"")), entries.toString());
    }

    @Test
    void aLeakAllowedForAnotherThreadLocalStillFails() {
        EngineExecutionResults results = run(AllowedOtherSample.class);
        results.testEvents().assertStatistics(s -> s.failed(1));
        String message = failureMessages(results).get(0);
        assertTrue(message.contains("BLEED (ERROR): ThreadLocal io.localdrop.testing.LeakCheckWithAgentTest$AllowedOtherSample.USER "),
                message);
    }

    @Test
    void aBlankReasonIsAConfigurationErrorNamingTheAnnotation() {
        BlankReasonSample.ran = false;
        EngineExecutionResults results = run(BlankReasonSample.class);
        results.testEvents().assertStatistics(s -> s.failed(1));
        assertFalse(BlankReasonSample.ran, "the test must not run with a blank reason");
        String message = failureMessages(results).get(0);
        assertTrue(message.startsWith("localdrop: @AllowThreadLocalLeak(kind = BLEED, threadLocal = \"io.localdrop.testing.\""
                + ", reason = \"  \") on allowsWithoutSayingWhy() has a blank reason"), message);
        Throwable thrown = results.testEvents().failed().stream().findFirst().orElseThrow()
                .getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
        assertTrue(thrown instanceof ExtensionConfigurationException, thrown.toString());
    }

    @Test
    void aTestThatLeavesAValueOnAPooledThreadFailsNamingTheLine() {
        EngineExecutionResults results = run(TaskLeakSample.class);
        results.testEvents().assertStatistics(s -> s.started(1).failed(1).succeeded(0));
        String message = failureMessages(results).get(0);
        assertTrue(message.startsWith("localdrop: leavesAValueOnAPooledThread() left per-thread state behind"), message);
        assertTrue(message.contains("TASK_LEAK"), message);
        assertTrue(message.contains("(LeakCheckWithAgentTest.java:" + TaskLeakSample.setLine + ")"), message);
        assertTrue(message.contains("java.lang.StringBuilder"), message);
        assertTrue(!message.contains("order-42"), "a report never contains a value: " + message);
    }

    @Test
    void aTestWhoseSecondTaskSeesTheFirstTasksValueFailsWithBleed() {
        EngineExecutionResults results = run(BleedSample.class);
        results.testEvents().assertStatistics(s -> s.failed(1));
        assertEquals("alice", BleedSample.seen);
        String message = failureMessages(results).get(0);
        assertTrue(message.contains("BLEED (ERROR)"), message);
        assertTrue(message.contains("set at io.localdrop.testing.LeakCheckWithAgentTest$BleedSample.")
                && message.contains("(LeakCheckWithAgentTest.java:" + BleedSample.setLine + ")"), message);
        assertTrue(message.contains("read at io.localdrop.testing.LeakCheckWithAgentTest$BleedSample.")
                && message.contains("(LeakCheckWithAgentTest.java:" + BleedSample.readLine + ")"), message);
    }

    @Test
    void aTestThatCleansUpPasses() {
        run(CleanSample.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    }

    @Test
    void theAnnotationChoosesWhichKindsFail() {
        run(OnlyBleedCheckedSample.class).testEvents().assertStatistics(s -> s.started(1).succeeded(1).failed(0));
    }
}
