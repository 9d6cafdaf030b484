package io.localdrop.examples;

import io.localdrop.Localdrop;
import io.localdrop.OwnedKey;
import io.localdrop.ScopedKey;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Owned keys destroyed at thread exit, and a scoped key bound for one operation. Runs with or without
 * the agent: without it, the pool's threads get their exit hook from {@link Localdrop#threadFactory}.
 */
public final class OwnedKeysTour {
    /** A per-thread resource that must be released on the thread that opened it. */
    static final class NativeBuffer implements AutoCloseable {
        private final String owner = Thread.currentThread().getName();

        NativeBuffer() {
            System.out.println("  open  buffer on " + owner);
        }

        @Override
        public void close() {
            System.out.println("  close buffer on " + Thread.currentThread().getName() + " (opened on " + owner + ")");
        }
    }

    static final OwnedKey<NativeBuffer> BUFFER = OwnedKey.withInitial(NativeBuffer::new);
    static final ScopedKey<String> REQUEST = ScopedKey.named("request id");

    private OwnedKeysTour() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.out.println("agent active: " + Localdrop.agentActive());
        ExecutorService pool = Executors.newFixedThreadPool(2, Localdrop.threadFactory(Executors.defaultThreadFactory()));
        for (int i = 1; i <= 4; i++) {
            String id = "req-" + i;
            pool.execute(() -> REQUEST.run(id, () -> {
                BUFFER.get(); // one buffer per thread, opened on first use
                System.out.println("  " + REQUEST.get() + " served on " + Thread.currentThread().getName());
            }));
        }
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        System.out.println("pool terminated: every buffer was closed on its own thread as it exited");
    }
}
