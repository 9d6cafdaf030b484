package io.localdrop.benchmarks.enforce;

import io.localdrop.internal.BridgeProtocol;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * A rewritten get/set under mode=enforce against plain ones in the same fork ({@link EnforcePlainAccess} is
 * excluded from rewriting). The get reads a present value; with {@code value=closeable} it is an AutoCloseable, so
 * the set also records the store order (enforce's extra work on set). Target: get <= 1.15x plain.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-javaagent:agent/target/localdrop-agent.jar=mode=enforce,"
        + "exclude=io.localdrop.benchmarks.enforce.EnforcePlainAccess,log=quiet"})
public class EnforceSiteHookBenchmark {
    @Param({"plain", "closeable"})
    public String value;

    private final ThreadLocal<Object> threadLocal = new ThreadLocal<>();
    private Object stored;

    @Setup
    public void setUp() {
        try {
            Class.forName(BridgeProtocol.CLASS_NAME, false, null);
        } catch (ClassNotFoundException absent) {
            throw new IllegalStateException("the agent is not active in this fork: refusing to measure");
        }
        stored = value.equals("closeable") ? (AutoCloseable) () -> { } : new Object();
    }

    /**
     * Stored for one iteration (one task on JMH's pool) and removed after it, through the excluded class, as a correct
     * handler does. A value left at a task's end is a TASK_LEAK to diagnose, which then checks every later get for a
     * bleed and records every later store into that ThreadLocal (its slow paths), hiding enforce's own cost: from
     * 21eccf5 (2026-12-04) until this was made so, the rewritten set measured those (20-24 ns instead of 3-6).
     */
    @Setup(Level.Iteration)
    public void storeForTheIteration() {
        EnforcePlainAccess.set(threadLocal, stored);
    }

    @TearDown(Level.Iteration)
    public void removeAfterTheIteration() {
        EnforcePlainAccess.remove(threadLocal);
    }

    @Benchmark
    public Object plainGet() {
        return EnforcePlainAccess.get(threadLocal);
    }

    @Benchmark
    public Object rewrittenGet() {
        return EnforceRewrittenAccess.get(threadLocal);
    }

    @Benchmark
    public void plainSet() {
        EnforcePlainAccess.set(threadLocal, stored);
    }

    @Benchmark
    public void rewrittenSet() {
        EnforceRewrittenAccess.set(threadLocal, stored);
    }
}
