package io.localdrop.benchmarks;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.Collections;

/**
 * A JMH profiler ({@code -prof io.localdrop.benchmarks.ProcessCpuProfiler}) that reports the CPU time the
 * benchmark's JVM used per operation, as the secondary metric {@code cpu.ns/op}.
 *
 * <p>Why: on a machine shared with other work, a thread start waits for the scheduler, so wall-clock
 * thread-churn throughput swings by factors between runs, whatever the agent does. The CPU time the
 * process spends per thread started and joined is what the agent's thread-exit hook adds to, and other
 * processes do not inflate it (they still pollute caches, so it is not noise-free). It counts every thread
 * of the JVM, the exiting threads, GC and JIT included, over the whole iteration, and divides by every
 * operation of the iteration (JMH's warm-up/warm-down synchronisation operations included), so the
 * baseline and the agent runs are measured alike.
 */
public final class ProcessCpuProfiler implements InternalProfiler {
    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private long startCpu;

    @Override
    public String getDescription() {
        return "process CPU time per operation (all JVM threads), robust to other processes' load";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        startCpu = os.getProcessCpuTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams,
                                                       IterationResult result) {
        long cpu = os.getProcessCpuTime() - startCpu;
        long ops = result.getMetadata().getAllOps();
        if (startCpu < 0 || cpu < 0 || ops <= 0) {
            return Collections.emptyList(); // no CPU clock on this platform, or no operation to divide by
        }
        return Collections.singletonList(new ScalarResult("cpu.ns/op", (double) cpu / ops, "ns/op", AggregationPolicy.AVG));
    }
}
