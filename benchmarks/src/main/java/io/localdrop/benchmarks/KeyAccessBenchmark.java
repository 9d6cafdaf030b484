package io.localdrop.benchmarks;

import io.localdrop.OwnedKey;
import io.localdrop.ScopedKey;
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
 * The ScopedKey is read inside a binding (see {@link ScopedBinding} for how one is held open across JMH's
 * measurement loop); {@link #scopedKeyRunAndGet} shows what making a binding costs, for context.
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

    /** What tryWith's action stores into: a field of this state, so the action allocates nothing per call. */
    private Value seen;
    private final Consumer<Value> remember = value -> seen = value;
    private final Value toBind = new Value();
    private final java.util.function.Supplier<Value> readScoped = SCOPED::get;
    private ScopedBinding binding;

    /** Runs on the benchmark thread (thread-scoped state), so every value lives on the measured thread. */
    @Setup(Level.Trial)
    public void setUp() {
        THREAD_LOCAL.set(new Value());
        OWNED.get();
        binding = ScopedBinding.open(SCOPED, toBind);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        binding.close();
        THREAD_LOCAL.remove();
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
    public Value scopedKeyGet() {
        return SCOPED.get();
    }

    /** Binding, reading and unbinding per operation: context for what {@code run}/{@code call} cost. */
    @Benchmark
    public Value scopedKeyRunAndGet() {
        return SCOPED.call(toBind, readScoped);
    }

    /** A small mutable value, as a per-thread buffer or context would be. */
    public static final class Value {
        long payload;
    }
}
