package io.localdrop.benchmarks.diagnose;

import io.localdrop.internal.BridgeProtocol;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * A rewritten ThreadLocal get/set against a plain one, in the same JVM under the agent (mode=diagnose):
 * {@link RewrittenAccess} is rewritten, {@link PlainAccess} is excluded. Targets: get <= 1.15x, set <= 1.5x.
 * The set stores the same value each time (a request context re-set), the get reads a present value.
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
        // stored through a site the agent leaves alone: a correct application, where no value leaks from one
        // JMH iteration (a task on JMH's pool) into the next. A leak anywhere makes every rewritten get take
        // the bleed check (about 10 ns): that is the cost of finding it, not of watching.
        PlainAccess.set(threadLocal, value);
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
}
