package io.localdrop.benchmarks.diagnose;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A one-thread pool whose every task leaves a fresh value in a ThreadLocal: under mode=diagnose each task end
 * scans the worker's map, judges the value a leak and records one more TASK_LEAK occurrence, which is the path
 * that tells the JFR events ({@code io.localdrop.Finding}). One operation runs {@link #TASKS} tasks and waits
 * for them, so that the hand-off to the worker is paid once per batch rather than once per task.
 */
final class LeakyTaskWorkload {
    static final int TASKS = 64;
    static final ThreadLocal<Object> LEFT_BEHIND = new ThreadLocal<>();

    private final ExecutorService pool = Executors.newFixedThreadPool(1);

    int run() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(TASKS);
        int[] sink = new int[1];
        for (int i = 0; i < TASKS; i++) {
            pool.execute(() -> {
                try {
                    // a rewritten set, never removed: the task end finds it (a new value each time, so every end
                    // is a new occurrence of the same finding)
                    Object value = new Object();
                    LEFT_BEHIND.set(value);
                    sink[0]++;
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        return sink[0];
    }

    void close() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
}
