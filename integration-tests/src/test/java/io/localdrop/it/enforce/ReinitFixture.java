package io.localdrop.it.enforce;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Two ThreadLocals whose values' close() re-initialize each other. Through rewritten sites this would be an
 * AccessError (the other one is closed already), so, like code the agent cannot intercept, they reach each other
 * through method references ({@code PING::get}), which call ThreadLocal.get directly: each close re-runs the
 * other's initialValue, and only maxDestructorRounds stops the exit, with a REINIT_LEAK.
 */
public final class ReinitFixture {
    static final AtomicInteger CLOSES = new AtomicInteger();
    static final ThreadLocal<Res> PING = ThreadLocal.withInitial(() -> new Res("ping"));
    static final ThreadLocal<Res> PONG = ThreadLocal.withInitial(() -> new Res("pong"));
    static final Supplier<Res> GET_PING = PING::get;
    static final Supplier<Res> GET_PONG = PONG::get;

    private ReinitFixture() {
    }

    public static void main(String[] args) throws Exception {
        Thread worker = new Thread(() -> {
            PING.get();
            PONG.get();
        }, "reinit-worker");
        worker.start();
        worker.join();
        System.out.println("joined closes=" + CLOSES.get());
    }

    static final class Res implements AutoCloseable {
        private final String name;

        Res(String name) {
            this.name = name;
        }

        @Override
        public void close() {
            int count = CLOSES.incrementAndGet();
            System.out.println("close " + count + " " + name);
            Res other = name.equals("ping") ? GET_PONG.get() : GET_PING.get();
            if (other == null) {
                throw new IllegalStateException("never null: withInitial");
            }
        }
    }
}
