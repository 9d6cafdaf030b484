package io.localdrop.benchmarks.pools;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.HashMap;
import java.util.Map;

/**
 * A pool of 8 threads running short tasks for a fixed time, 100 of them in flight, each leaving per-thread state
 * behind the way leaky applications do: what the agent costs a pool that leaks, where its task-end readings find
 * something at every end. {@code scripts/leaky-pool-bench.sh} compiles this one file and runs it with and without
 * the agent, interleaved.
 *
 * <p>args[0]: seconds to run; args[1]: the leaks, any of
 * <ul>
 *   <li>{@code p}: each task makes a ThreadLocal of its own and leaves a value in it (the per-instance leak, one per
 *       task: the thread's map fills with entries until a GC collects their ThreadLocals);</li>
 *   <li>{@code u}: a user stored when the thread has none or every 7th task, never removed;</li>
 *   <li>{@code m}: an MDC-like map filled by every task, cleared by every third;</li>
 *   <li>{@code b}: a buffer from {@code withInitial}, reused (a cache, no leak).</li>
 * </ul>
 * Prints {@code tasks N}: how many tasks ended in the time.
 */
public final class LeakyPoolProgram {
    static final ThreadLocal<String> USER = new ThreadLocal<>();
    static final ThreadLocal<byte[]> BUFFER = ThreadLocal.withInitial(() -> new byte[64]);
    static final ThreadLocal<Map<String, String>> CONTEXT = ThreadLocal.withInitial(HashMap::new);
    static final AtomicLong ENDED = new AtomicLong();

    private LeakyPoolProgram() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2 || !args[0].matches("[1-9][0-9]{0,3}") || !args[1].matches("[pumb]+")) {
            System.err.println("usage: LeakyPoolProgram SECONDS LEAKS (SECONDS 1-9999; LEAKS one or more of p, u, m, b)");
            System.exit(2);
        }
        long seconds = Long.parseLong(args[0]);
        String leaks = args[1];
        ExecutorService pool = Executors.newFixedThreadPool(8);
        Semaphore inFlight = new Semaphore(100);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (int i = 0; System.nanoTime() < end; i++) {
            inFlight.acquire();
            int request = i;
            pool.execute(() -> {
                try {
                    handle(request, leaks);
                } finally {
                    inFlight.release();
                }
            });
        }
        inFlight.acquire(100);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        System.out.println("tasks " + ENDED.get());
    }

    static void handle(int request, String leaks) {
        if (leaks.indexOf('u') >= 0 && (USER.get() == null || request % 7 == 0)) {
            USER.set("user" + request);
        }
        if (leaks.indexOf('b') >= 0) {
            BUFFER.get()[0]++;
        }
        if (leaks.indexOf('m') >= 0) {
            CONTEXT.get().put("request", "r" + request);
            if (request % 3 == 0) {
                CONTEXT.get().clear();
            }
        }
        if (leaks.indexOf('p') >= 0) {
            ThreadLocal<Object> own = new ThreadLocal<>();
            own.set(new Object());
        }
        ENDED.incrementAndGet();
    }
}
