package io.localdrop.benchmarks.diagnose;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Throughput of a 2-thread pool whose every task uses ThreadLocals ({@link PoolWorkload}), without and with
 * the agent (mode=diagnose: task boundaries, map scans at task end, rewritten sites). Target: with the agent
 * >= 0.97x the throughput without it (issue 11; docs/benchmarks.md, "The targets").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class PoolThroughputBenchmark {
    private PoolWorkload workload;

    @Setup
    public void setUp() {
        workload = new PoolWorkload();
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        workload.close();
    }

    @Benchmark
    @Fork(value = 2)
    public int withoutAgent() throws InterruptedException {
        return workload.run();
    }

    @Benchmark
    @Fork(value = 2, jvmArgsAppend = {"-javaagent:agent/target/localdrop-agent.jar=log=quiet"})
    public int withAgent() throws InterruptedException {
        if (!SiteHookBenchmark.agentActive()) {
            throw new IllegalStateException("the agent is not active in this fork");
        }
        return workload.run();
    }
}
