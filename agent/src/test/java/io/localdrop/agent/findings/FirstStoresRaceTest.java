package io.localdrop.agent.findings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.agent.sites.SiteHooks;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

/**
 * Two pooled threads that make the first stores of a ThreadLocal's two lines at the same moment (log4j's
 * ThreadContext: {@code put} then {@code remove(key)}, which stores its shared empty state, on workers released
 * together): once a ThreadLocal has two storing lines, no line may stay on the set fast path, whichever thread's first
 * stores went first. A store left there is missing from its thread's trail, and a value it left is then attributed to
 * the other line or to none (log4j's empty state as {@code put}'s lazy-made value, and its next read a false BLEED).
 */
class FirstStoresRaceTest {
    private static final int TRIALS = 10_000;
    private static volatile int sink;

    @BeforeAll
    static void openMaps() {
        assertTrue(ThreadLocalMapReader.open(ByteBuddyAgent.install()), "java.lang must be readable");
    }

    @Test
    void everyStoreOfATwoLineThreadLocalIsRecordedHoweverItsFirstStoresInterleave() throws Exception {
        Findings.clear();
        List<ThreadLocal<Object>> contexts = new ArrayList<>();
        int[] put = new int[TRIALS];
        int[] emptied = new int[TRIALS];
        for (int i = 0; i < TRIALS; i++) {
            contexts.add(new ThreadLocal<>());
            put[i] = SiteRegistry.register("com.acme.Context", "put", "Context.java", 1000 + i);
            emptied[i] = SiteRegistry.register("com.acme.Context", "removeKey", "Context.java", 5000 + i);
        }
        CyclicBarrier together = new CyclicBarrier(2);
        TestThreads.ThrowingRunnable worker = () -> {
            boolean lagging = Thread.currentThread().getName().endsWith("1");
            for (int i = 0; i < TRIALS; i++) {
                together.await(1, TimeUnit.MINUTES); // both threads make trial i's first stores at once
                for (int spin = lagging ? (i * 7) % 400 : 0; spin > 0; spin--) {
                    sink++; // one thread a little behind the other, by a different amount each trial
                }
                SiteHooks.set(contexts.get(i), new Object(), put[i]);
                SiteHooks.set(contexts.get(i), new Object(), emptied[i]);
                contexts.get(i).remove();
            }
        };
        Throwable[] otherFailed = new Throwable[1];
        Thread other = new Thread(() -> {
            try {
                worker.run();
            } catch (Throwable failure) {
                otherFailed[0] = failure; // shown below; the barrier's timeout ends the first thread's wait
            }
        }, "first-stores-2");
        other.start();
        TestThreads.onThread("first-stores-1", worker);
        other.join();
        if (otherFailed[0] != null) {
            throw new AssertionError("the second thread failed", otherFailed[0]);
        }

        TestThreads.onThread("later-task", () -> {
            for (int i = 0; i < TRIALS; i++) {
                Detectors.taskStart();
                SiteHooks.set(contexts.get(i), new Object(), emptied[i]); // left: a TASK_LEAK of this line
                Detectors.taskEnd();
                contexts.get(i).remove(); // so that the thread's map stays small and every task end reads it
            }
            Detectors.threadExit();
        });
        long leaks = 0;
        for (Finding finding : Findings.all()) {
            if (finding.kind() == FindingKind.TASK_LEAK) {
                assertEquals("com.acme.Context.removeKey", String.join("", finding.setAt()).replaceAll("\\(.*", ""),
                        finding::toString);
                leaks += finding.count();
            }
        }
        assertEquals(TRIALS, leaks, Findings.all()::toString);
    }
}
