package io.localdrop.benchmarks;

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
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Where the time of {@code OwnedKey.get} goes, on benchmark-only copies of its fast path (not run by
 * {@code scripts/bench.sh}; {@code docs/benchmarks.md} has the findings). The runtime's read is
 * {@code OwnedKey.cell} (an instance final field, which the JIT does not treat as a constant) then
 * {@code KeyCell.get()} (a ThreadLocal subclass), a null check and {@code instanceof Tombstone}. The copies
 * separate the costs:
 * <ul>
 *   <li>{@link #threadLocalGet}: the baseline, a ThreadLocal in a static final field.</li>
 *   <li>{@link #cellDirect}: the cell itself in a static final field, with the null and tombstone checks:
 *       what the checks cost without the indirection.</li>
 *   <li>{@link #wrapperNoChecks}: a final wrapper class holding the cell in a final field, no checks:
 *       what the indirection costs.</li>
 *   <li>{@link #wrapperTombstone}: wrapper + checks, the runtime's shape today.</li>
 *   <li>{@link #wrapperSentinels}: wrapper + comparisons with two sentinel objects instead of a type check.</li>
 *   <li>{@link #recordTombstone}, {@link #recordSentinels}: the same with the wrapper a record, whose final
 *       fields the JIT trusts: the indirection folds away when the key is a constant.</li>
 * </ul>
 * Run: {@code java -jar benchmarks/target/benchmarks.jar OwnedKeyGetExperiment}, and again with
 * {@code -jvmArgsAppend "-XX:+UnlockExperimentalVMOptions -XX:+TrustFinalNonStaticFields"} to see the
 * indirection's cost vanish when the JIT may fold the final field.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
@Fork(2)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OwnedKeyGetExperiment {
    static final ThreadLocal<Object> THREAD_LOCAL = new ThreadLocal<>();
    static final Cell CELL = new Cell();
    static final Wrapper WRAPPER = new Wrapper(new Cell());
    static final RecordWrapper RECORD = new RecordWrapper(new Cell());

    static final Object DESTROYING = new Marker();
    static final Object DESTROYED = new Marker();

    @Setup(Level.Trial)
    public void setUp() {
        THREAD_LOCAL.set(new KeyAccessBenchmark.Value());
        CELL.set(new KeyAccessBenchmark.Value());
        WRAPPER.cell.set(new KeyAccessBenchmark.Value());
        RECORD.cell().set(new KeyAccessBenchmark.Value());
    }

    @Benchmark
    public Object threadLocalGet() {
        return THREAD_LOCAL.get();
    }

    @Benchmark
    public Object cellDirect() {
        Object value = CELL.get();
        if (value != null && !(value instanceof Marker)) {
            return value;
        }
        return slowPath(value);
    }

    @Benchmark
    public Object wrapperNoChecks() {
        return WRAPPER.cell.get();
    }

    @Benchmark
    public Object wrapperTombstone() {
        Object value = WRAPPER.cell.get();
        if (value != null && !(value instanceof Marker)) {
            return value;
        }
        return slowPath(value);
    }

    @Benchmark
    public Object wrapperSentinels() {
        Object value = WRAPPER.cell.get();
        if (value != null && value != DESTROYING && value != DESTROYED) {
            return value;
        }
        return slowPath(value);
    }

    @Benchmark
    public Object recordTombstone() {
        Object value = RECORD.cell().get();
        if (value != null && !(value instanceof Marker)) {
            return value;
        }
        return slowPath(value);
    }

    @Benchmark
    public Object recordSentinels() {
        Object value = RECORD.cell().get();
        if (value != null && value != DESTROYING && value != DESTROYED) {
            return value;
        }
        return slowPath(value);
    }

    /**
     * The baseline as {@code KeyAccessBenchmark} measures it: the caller casts to the value's type, as every
     * user of a generic key does, so the value's class is loaded for that cast anyway.
     */
    @Benchmark
    public KeyAccessBenchmark.Value threadLocalGetTyped() {
        return (KeyAccessBenchmark.Value) THREAD_LOCAL.get();
    }

    /** The runtime's shape since issue 11 (two identity comparisons), read by a typed caller. */
    @Benchmark
    public KeyAccessBenchmark.Value recordSentinelsTyped() {
        Object value = RECORD.cell().get();
        if (value != null && value != DESTROYING && value != DESTROYED) {
            return (KeyAccessBenchmark.Value) value;
        }
        return (KeyAccessBenchmark.Value) slowPath(value);
    }

    /**
     * One type check instead of two comparisons, read by a typed caller: the JIT compares the class word that the
     * caller's cast loads anyway with the marker's (a final class), one branch instead of two.
     */
    @Benchmark
    public KeyAccessBenchmark.Value recordTombstoneTyped() {
        Object value = RECORD.cell().get();
        if (value != null && !(value instanceof Marker)) {
            return (KeyAccessBenchmark.Value) value;
        }
        return (KeyAccessBenchmark.Value) slowPath(value);
    }

    private static Object slowPath(Object seen) {
        throw new IllegalStateException("the experiment's values are always present: " + seen);
    }

    /** Stands for KeyCell: a final ThreadLocal subclass holding the value, null or a marker. */
    static final class Cell extends ThreadLocal<Object> {
    }

    /** Stands for OwnedKey: a final class whose final field holds the cell. */
    static final class Wrapper {
        final Cell cell;

        Wrapper(Cell cell) {
            this.cell = cell;
        }
    }

    /** A record's final fields are trusted by HotSpot's JIT (folded when the record is a constant). */
    record RecordWrapper(Cell cell) {
    }

    /** Stands for Tombstone. */
    static final class Marker {
    }
}
