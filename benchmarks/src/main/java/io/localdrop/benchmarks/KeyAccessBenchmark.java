package io.localdrop.benchmarks;

import io.localdrop.OwnedKey;
import io.localdrop.ScopedKey;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The read paths of the keys, next to their baseline {@code ThreadLocal.get} (value present) in the same run.
 *
 * <p>Every value is present before measuring starts, so each operation is the steady-state fast path:
 * no initializer runs. Keys and the baseline ThreadLocal sit in static final fields, as users keep them.
 * The ScopedKey is read inside a binding that lasts the whole fork: JMH's loop runs on a thread of
 * {@link AnchorExecutors.InScopedKeyBinding}, whose body is {@code SCOPED.run(value, loop)};
 * {@link #scopedKeyRunAndGet} shows what making a binding costs, for context.
 *
 * <p>Anchors, each in its own fork of the same run: Netty's {@code FastThreadLocal.get} on a plain thread (through
 * its fallback ThreadLocal) and on a {@code FastThreadLocalThread} (its fast path), and on JDK 25
 * {@code ScopedValue.get} inside a binding. The last two run JMH's loop on threads made by {@link AnchorExecutors};
 * their state's set-up refuses to measure on any other thread.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class KeyAccessBenchmark {
    static final ThreadLocal<Value> THREAD_LOCAL = new ThreadLocal<>();
    static final OwnedKey<Value> OWNED = OwnedKey.named("bench.owned", Value::new, value -> { });
    static final ScopedKey<Value> SCOPED = ScopedKey.named("bench.scoped");
    static final Function<Value, Value> IDENTITY = value -> value;
    static final FastThreadLocal<Value> FAST = new FastThreadLocal<>();
    private static final String CUSTOM_EXECUTOR = "-Djmh.executor=CUSTOM";

    /** What tryWith's action stores into: a field of this state, so the action allocates nothing per call. */
    private Value seen;
    private final Consumer<Value> remember = value -> seen = value;
    private final Value toBind = new Value();
    private final java.util.function.Supplier<Value> readScoped = SCOPED::get;

    /** Runs on the benchmark thread (thread-scoped state), so every value lives on the measured thread. */
    @Setup(Level.Trial)
    public void setUp() {
        THREAD_LOCAL.set(new Value());
        FAST.set(new Value());
        OWNED.get();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        THREAD_LOCAL.remove();
        FAST.remove();
        OWNED.remove();
    }

    @Benchmark
    public Value threadLocalGet() {
        return THREAD_LOCAL.get();
    }

    @Benchmark
    public Value ownedKeyGet() {
        return OWNED.get();
    }

    @Benchmark
    public Value ownedKeyWith() {
        return OWNED.with(IDENTITY);
    }

    @Benchmark
    public Value ownedKeyTryWith() {
        OWNED.tryWith(remember);
        return seen;
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {CUSTOM_EXECUTOR,
            "-Djmh.executor.class=io.localdrop.benchmarks.AnchorExecutors$InScopedKeyBinding"})
    public Value scopedKeyGet(InScopedKey inIt) {
        return SCOPED.get();
    }

    /** Binding, reading and unbinding per operation: context for what {@code run}/{@code call} cost. */
    @Benchmark
    public Value scopedKeyRunAndGet() {
        return SCOPED.call(toBind, readScoped);
    }

    /** Anchor: Netty's FastThreadLocal on an ordinary thread (JMH's), where it falls back to a ThreadLocal. */
    @Benchmark
    public Value fastThreadLocalGet() {
        return FAST.get();
    }

    /** Anchor: Netty's FastThreadLocal on a FastThreadLocalThread, its fast path. */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {CUSTOM_EXECUTOR,
            "-Djmh.executor.class=io.localdrop.benchmarks.AnchorExecutors$OnFastThreadLocalThreads"})
    public Value fastThreadLocalGetOnFastThread(OnFastThreadLocalThread onIt) {
        return FAST.get();
    }

    /**
     * Anchor, JDK 25 only: {@code ScopedValue.get} inside a binding that lasts the whole fork, read as code reads a
     * {@code ScopedValue<Value>}: the generic result cast to {@code Value}, as for every other benchmark here
     * (without the cast the anchor did one class check less than {@code scopedKeyGet} and {@code threadLocalGet}).
     */
    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {CUSTOM_EXECUTOR,
            "-Djmh.executor.class=io.localdrop.benchmarks.AnchorExecutors$InScopedValueBinding"})
    public Value scopedValueGet(InScopedValue inIt) throws Throwable {
        return (Value) (Object) ScopedValueAnchor.GET.invokeExact(ScopedValueAnchor.KEY);
    }

    /** Fails the trial unless JMH runs it on a FastThreadLocalThread (the fork's executor makes them). */
    @State(Scope.Thread)
    public static class OnFastThreadLocalThread {
        @Setup(Level.Trial)
        public void check() {
            if (!(Thread.currentThread() instanceof FastThreadLocalThread)) {
                throw new IllegalStateException("not on a FastThreadLocalThread: " + Thread.currentThread()
                        + "; run with -Djmh.executor=CUSTOM -Djmh.executor.class=io.localdrop.benchmarks.AnchorExecutors$OnFastThreadLocalThreads");
            }
        }
    }

    /** Fails the trial unless SCOPED is bound on JMH's thread (the fork's executor binds it). */
    @State(Scope.Thread)
    public static class InScopedKey {
        @Setup(Level.Trial)
        public void check() {
            if (SCOPED.orElse(null) != AnchorExecutors.InScopedKeyBinding.BOUND_VALUE) {
                throw new IllegalStateException("ScopedKey not bound on " + Thread.currentThread()
                        + "; run with -Djmh.executor=CUSTOM -Djmh.executor.class=io.localdrop.benchmarks.AnchorExecutors$InScopedKeyBinding");
            }
        }
    }

    /** Fails the trial unless the ScopedValue is bound on JMH's thread (JDK 25, with the fork's executor). */
    @State(Scope.Thread)
    public static class InScopedValue {
        @Setup(Level.Trial)
        public void check() throws Throwable {
            if (!ScopedValueAnchor.isBound()
                    || (Object) ScopedValueAnchor.GET.invokeExact(ScopedValueAnchor.KEY) != AnchorExecutors.InScopedValueBinding.BOUND_VALUE) {
                throw new IllegalStateException("ScopedValue not bound on " + Thread.currentThread() + " (JDK "
                        + Runtime.version().feature() + "; needs 25 and the fork's executor)");
            }
        }
    }

    /** A small mutable value, as a per-thread buffer or context would be. */
    public static final class Value {
        long payload;
    }
}
