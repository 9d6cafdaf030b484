package io.localdrop.benchmarks.diagnose;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A thread pool whose every task uses ThreadLocals the usual ways: a request context set, read and removed
 * in finally, and a withInitial per-thread buffer. One operation runs {@link #TASKS} tasks and waits for
 * them.
 */
final class PoolWorkload {
    static final int TASKS = 64;
    static final ThreadLocal<Object> CONTEXT = new ThreadLocal<>();
    static final ThreadLocal<StringBuilder> BUFFER = ThreadLocal.withInitial(StringBuilder::new);

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    int run() throws InterruptedException {
        CountDownLatch done = new CountDownLatch(TASKS);
        int[] sink = new int[1];
        for (int i = 0; i < TASKS; i++) {
            Integer request = i;
            pool.execute(() -> {
                CONTEXT.set(request);
                try {
                    StringBuilder buffer = BUFFER.get();
                    buffer.setLength(0);
                    buffer.append(CONTEXT.get());
                    sink[0] += buffer.length();
                } finally {
                    CONTEXT.remove();
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
