package io.localdrop.it.enforce;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A cross-task bleed on a one-thread pool: task A stores the user with set and never removes it; task B, on the same
 * thread, reads it before storing its own. A per-thread cache from withInitial is used by both tasks, and a value
 * that is not AutoCloseable is held by a ThreadLocal outside any task. With argument {@code session}, task A also
 * leaves an AutoCloseable session behind (only there: otherwise its close at pool shutdown would race the output).
 */
public final class BleedFixture {
    static final ThreadLocal<String> USER = new ThreadLocal<>();
    static final ThreadLocal<StringBuilder> CACHE = ThreadLocal.withInitial(StringBuilder::new);
    static final ThreadLocal<NotCloseable> PLAIN = new ThreadLocal<>();
    static final ThreadLocal<AutoCloseable> SESSION = new ThreadLocal<>();

    private BleedFixture() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        int[] cacheIdentity = new int[2];
        boolean withSession = args.length > 0 && args[0].equals("session");
        pool.submit(() -> {
            if (withSession) {
                Thread owner = Thread.currentThread();
                SESSION.set(() -> System.out.println("session closed on its task's thread="
                        + (Thread.currentThread() == owner)));
            }
            USER.set("alice");
            cacheIdentity[0] = System.identityHashCode(CACHE.get());
        }).get();
        pool.submit(() -> {
            System.out.println("task B sees user=" + USER.get());
            cacheIdentity[1] = System.identityHashCode(CACHE.get());
        }).get();
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.SECONDS);
        System.out.println("cache kept=" + (cacheIdentity[0] == cacheIdentity[1]));

        NotCloseable plain = new NotCloseable();
        Thread worker = new Thread(() -> PLAIN.set(plain), "plain-worker");
        worker.start();
        worker.join();
        System.out.println("not AutoCloseable closed=" + plain.closed);
    }

    /** Has a close() method but is not AutoCloseable: enforce must leave it alone. */
    static final class NotCloseable {
        volatile boolean closed;

        public void close() {
            closed = true;
        }
    }
}
