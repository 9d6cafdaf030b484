package io.localdrop.benchmarks;

import io.localdrop.Localdrop;
import io.localdrop.OwnedKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Thread churn: starting short-lived threads and joining them (a few at a time, see {@link #PLATFORM_BATCH});
 * scores are per thread. What the agent adds to that is its
 * thread-exit hook (and, with keys, the destructors it runs).
 *
 * <p>The same class runs in JVMs with and without {@code -javaagent}: {@code scripts/bench.sh} chooses the
 * fork's JVM arguments ({@code -jvmArgsAppend}) and compares the runs. With the agent it also passes
 * {@code -Dlocaldrop.bench.agent=true}, and the set-up refuses to measure if the agent is not active then:
 * a broken agent must not look fast.
 *
 * <p>{@link #variant}:
 * <ul>
 *   <li>{@code bare}: the thread's body does nothing (no keys): the baseline, and the agent's fixed cost.</li>
 *   <li>{@code keys3}: the body initializes 3 owned keys; their destructors run at thread exit (with the
 *       agent; without it nothing would run, so that run is not meaningful and the script does not make it).</li>
 *   <li>{@code wrap_keys3}: the same body through {@link Localdrop#wrap}, the way to get destructors without
 *       the agent: context for {@code keys3}.</li>
 *   <li>{@code absent_get}: the body reads a ThreadLocal that was never set, which makes the JDK create the
 *       thread's ThreadLocalMap: the cost of looking a thread's key record up with {@code ThreadLocal.get}
 *       on a thread that has none (context for the agent's cost on threads without keys).</li>
 * </ul>
 * At the end of each trial, the number of destructor calls must be exactly 3 per thread started, wherever
 * destructors are expected: the measurement is of threads whose keys really were destroyed.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Thread)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ThreadChurnBenchmark {
    static final AtomicLong DESTROYED = new AtomicLong();

    static final OwnedKey<Resource> KEY_A = OwnedKey.named("bench.churn.a", Resource::new, ThreadChurnBenchmark::destroy);
    static final OwnedKey<Resource> KEY_B = OwnedKey.named("bench.churn.b", Resource::new, ThreadChurnBenchmark::destroy);
    static final OwnedKey<Resource> KEY_C = OwnedKey.named("bench.churn.c", Resource::new, ThreadChurnBenchmark::destroy);

    static final Runnable NOTHING = () -> { };
    /** A ThreadLocal that is never set: reading it is what finding a thread's (absent) key record costs. */
    static final ThreadLocal<Object> PROBE = new ThreadLocal<>();
    static final Runnable READ_ABSENT_THREAD_LOCAL = PROBE::get;
    static final Runnable USE_THREE_KEYS = () -> {
        KEY_A.get().uses++;
        KEY_B.get().uses++;
        KEY_C.get().uses++;
    };

    /** {@code Thread.ofVirtual()::unstarted} when the JDK has virtual threads (21+), else null. */
    static final MethodHandle NEW_VIRTUAL = virtualThreadFactory();

    /**
     * Threads started before the first join, per invocation. One at a time, each start waits for the scheduler
     * to run the new thread and the joiner to wake, and for virtual threads the carrier pool then parks and
     * unparks once per thread: throughput flipped by 10x between runs depending on whether the carriers spun
     * or parked, agent or not. A small batch keeps the carriers (and both cores) busy, so the figure is the
     * cost of starting and ending threads, which is what the agent adds to. Scores are per thread.
     */
    static final int PLATFORM_BATCH = 4;
    static final int VIRTUAL_BATCH = 64;

    private final Thread[] platformBatch = new Thread[PLATFORM_BATCH];
    private final Thread[] virtualBatch = new Thread[VIRTUAL_BATCH];

    @Param({"bare", "keys3", "wrap_keys3", "absent_get"})
    public String variant;

    private boolean wrap;
    private Runnable body;
    private long started;
    private long destroyedBefore;
    private boolean destructorsExpected;

    @Setup(Level.Trial)
    public void setUp() {
        boolean agentExpected = Boolean.getBoolean("localdrop.bench.agent");
        if (agentExpected && !Localdrop.agentActive()) {
            throw new IllegalStateException("started with -Dlocaldrop.bench.agent=true but Localdrop.agentActive()"
                    + " is false: the agent's thread-exit hook is not installed, refusing to measure");
        }
        if (!agentExpected && Localdrop.agentActive()) {
            throw new IllegalStateException("the agent is active but -Dlocaldrop.bench.agent=true is not set:"
                    + " this run would be mislabelled as one without the agent");
        }
        switch (variant) {
            case "bare":
                body = NOTHING;
                break;
            case "keys3":
                body = USE_THREE_KEYS;
                destructorsExpected = agentExpected;
                break;
            case "absent_get":
                body = READ_ABSENT_THREAD_LOCAL;
                break;
            case "wrap_keys3":
                body = USE_THREE_KEYS;
                wrap = true;
                destructorsExpected = true;
                break;
            default:
                throw new IllegalArgumentException("variant '" + variant + "' is unknown: use bare, keys3, wrap_keys3 or absent_get");
        }
        started = 0;
        destroyedBefore = DESTROYED.get();
    }

    @TearDown(Level.Trial)
    public void checkDestructorsRan() {
        if (!destructorsExpected) {
            return;
        }
        long destroyed = DESTROYED.get() - destroyedBefore;
        if (destroyed != 3 * started) {
            throw new IllegalStateException("variant " + variant + ": " + started + " threads ran 3 keys each, but "
                    + destroyed + " destructors ran instead of " + (3 * started) + ": the figures are void");
        }
    }

    @Benchmark
    @OperationsPerInvocation(PLATFORM_BATCH)
    public Thread platform() throws InterruptedException {
        Thread[] threads = platformBatch;
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(task());
            threads[i].start();
        }
        return joinAll(threads);
    }

    @Benchmark
    @OperationsPerInvocation(VIRTUAL_BATCH)
    public Thread virtual() throws Throwable {
        if (NEW_VIRTUAL == null) {
            throw new UnsupportedOperationException("virtual threads need JDK 21 or later; this is "
                    + System.getProperty("java.version"));
        }
        Thread[] threads = virtualBatch;
        for (int i = 0; i < threads.length; i++) {
            threads[i] = (Thread) NEW_VIRTUAL.invokeExact(task());
            threads[i].start();
        }
        return joinAll(threads);
    }

    private Thread joinAll(Thread[] threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
        started += threads.length;
        return threads[threads.length - 1];
    }

    /** A fresh wrapper per thread, as {@code Localdrop.threadFactory} makes one per thread. */
    private Runnable task() {
        return wrap ? Localdrop.wrap(body) : body;
    }

    static void destroy(Resource resource) {
        resource.uses = -1;
        DESTROYED.incrementAndGet();
    }

    private static MethodHandle virtualThreadFactory() {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            return MethodHandles.publicLookup()
                    .findVirtual(builderType, "unstarted", MethodType.methodType(Thread.class, Runnable.class))
                    .bindTo(builder);
        } catch (ReflectiveOperationException noVirtualThreads) {
            return null;
        }
    }

    /** Stands for a per-thread resource (a buffer, a connection) that must be released at thread exit. */
    static final class Resource {
        long uses;
    }
}
