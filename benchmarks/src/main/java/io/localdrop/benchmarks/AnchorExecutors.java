package io.localdrop.benchmarks;

import io.netty.util.concurrent.FastThreadLocalThread;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JMH executors ({@code -Djmh.executor=CUSTOM -Djmh.executor.class=...}, set by a benchmark's own {@code @Fork})
 * whose threads run JMH's whole measurement loop in the state an anchor needs: on a Netty
 * {@code FastThreadLocalThread}, inside a {@code ScopedKey} binding, or inside a {@code ScopedValue} binding. JMH calls the benchmark method from its
 * loop, so the thread it runs on is the only place to put such a state around every operation without measuring
 * how it is made.
 */
final class AnchorExecutors {
    private AnchorExecutors() {
    }

    /** Threads that are Netty {@code FastThreadLocalThread}s: FastThreadLocal's fast path (a field of the thread). */
    public static final class OnFastThreadLocalThreads extends ThreadPoolExecutor {
        public OnFastThreadLocalThreads(int maxThreads, String prefix) {
            super(maxThreads, maxThreads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), named(prefix,
                    (body, name) -> new FastThreadLocalThread(body, name)));
        }
    }

    /** Threads whose whole life runs inside {@code KeyAccessBenchmark.SCOPED.run(BOUND_VALUE, ...)}. */
    public static final class InScopedKeyBinding extends ThreadPoolExecutor {
        static final KeyAccessBenchmark.Value BOUND_VALUE = new KeyAccessBenchmark.Value();

        public InScopedKeyBinding(int maxThreads, String prefix) {
            super(maxThreads, maxThreads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), named(prefix,
                    (body, name) -> new Thread(() -> KeyAccessBenchmark.SCOPED.run(BOUND_VALUE, body), name)));
        }
    }

    /** Threads whose whole life runs with {@link ScopedValueAnchor#KEY} bound to {@link #BOUND_VALUE} (JDK 25). */
    public static final class InScopedValueBinding extends ThreadPoolExecutor {
        static final KeyAccessBenchmark.Value BOUND_VALUE = new KeyAccessBenchmark.Value();

        public InScopedValueBinding(int maxThreads, String prefix) {
            super(maxThreads, maxThreads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), named(prefix,
                    (body, name) -> new Thread(ScopedValueAnchor.bound(BOUND_VALUE, body), name)));
        }
    }

    private interface NamedThreads {
        Thread make(Runnable body, String name);
    }

    private static ThreadFactory named(String prefix, NamedThreads threads) {
        AtomicInteger count = new AtomicInteger();
        return body -> {
            Thread thread = threads.make(body, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
