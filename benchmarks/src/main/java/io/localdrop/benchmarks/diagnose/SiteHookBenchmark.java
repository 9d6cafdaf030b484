package io.localdrop.benchmarks.diagnose;

import io.localdrop.internal.BridgeProtocol;
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

/**
 * A rewritten ThreadLocal get/set against a plain one, in the same JVM under the agent (mode=diagnose):
 * {@link RewrittenAccess} is rewritten, {@link PlainAccess} is excluded. Targets: get <= 1.15x, set <= 1.5x.
 * The set stores the same value each time (a request context re-set), the get reads a present value.
 *
 * <p>Each JMH iteration is one task on JMH's pool, and the agent judges what it leaves: the value is stored before
 * each iteration and removed after it, both through the excluded class, as a correct request handler stores and
 * removes its context. Left in place, it would be a TASK_LEAK at the first iteration's end, after which every store
 * into that ThreadLocal is recorded in its thread's trail (so that a later read names its own store): that is the
 * cost of a leaking ThreadLocal, measured apart by {@link #rewrittenSetOfALeak}, not the cost of watching a correct
 * one. From 21eccf5 (2026-12-04) until this was made so, the value stayed and {@link #rewrittenSet} measured the
 * leak's path (17-20 ns instead of about 3).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-javaagent:agent/target/localdrop-agent.jar=exclude=io.localdrop.benchmarks.diagnose.PlainAccess,log=quiet"})
public class SiteHookBenchmark {
    private final ThreadLocal<Object> threadLocal = new ThreadLocal<>();
    private final Object value = new Object();

    @Setup
    public void setUp() {
        if (!Boolean.getBoolean("localdrop.bench.noAgentCheck") && !agentActive()) {
            throw new IllegalStateException("the agent is not active in this fork: refusing to measure");
        }
    }

    /**
     * Stored through a site the agent leaves alone, for this iteration's task only: a correct application, where no
     * value leaks from one JMH iteration into the next. A leak makes every rewritten get take the bleed check and
     * every rewritten set of the leaking ThreadLocal record its store: the cost of finding it, not of watching.
     */
    @Setup(Level.Iteration)
    public void storeForTheIteration() {
        PlainAccess.set(threadLocal, value);
    }

    @TearDown(Level.Iteration)
    public void removeAfterTheIteration() {
        PlainAccess.remove(threadLocal);
    }

    /** A ThreadLocal that the first iteration's task leaves set (a TASK_LEAK), re-set by every later operation. */
    @State(Scope.Thread)
    public static class Leak {
        final ThreadLocal<Object> threadLocal = new ThreadLocal<>();
        final Object value = new Object();
    }

    static boolean agentActive() {
        try {
            Class.forName(BridgeProtocol.CLASS_NAME, false, null);
            return true;
        } catch (ClassNotFoundException absent) {
            return false;
        }
    }

    @Benchmark
    public Object plainGet() {
        return PlainAccess.get(threadLocal);
    }

    @Benchmark
    public Object rewrittenGet() {
        return RewrittenAccess.get(threadLocal);
    }

    @Benchmark
    public void plainSet() {
        PlainAccess.set(threadLocal, value);
    }

    @Benchmark
    public void rewrittenSet() {
        RewrittenAccess.set(threadLocal, value);
    }

    /**
     * The rewritten set of a ThreadLocal found leaking (no target: the price of a leak, paid only by the leaking
     * ThreadLocal's stores): each store is recorded in the thread's trail.
     */
    @Benchmark
    public void rewrittenSetOfALeak(Leak leak) {
        RewrittenAccess.set(leak.threadLocal, leak.value);
    }
}
