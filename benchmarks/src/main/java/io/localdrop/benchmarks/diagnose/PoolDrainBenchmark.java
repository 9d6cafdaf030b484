package io.localdrop.benchmarks.diagnose;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The agent's cost per pool task, without the hand-off between threads: one pool worker drains a queue filled
 * before it may start, {@link #TASKS} tasks of {@link PoolWorkload}'s body (a request context set, read and removed,
 * a withInitial buffer), each between the task boundaries of {@code ThreadPoolExecutor.runWorker} and ended by the
 * agent's task-end scan. Tasks per second, without and with the agent.
 *
 * <p>Why beside {@link PoolThroughputBenchmark}: there the submitting thread and two workers hand every task over
 * through the queue, and most of an operation is the workers parking and being woken. A few nanoseconds more per task
 * change how often a worker parks, so its ratio moves with the scheduler more than with the agent (rounds of one run
 * from 0.72 to 1.04). Here the worker never waits: the ratio is the agent's nanoseconds on a task's own.
 *
 * <p>The worker is held in a gate task while the queue is filled (a worker parked on the queue would be woken by the
 * first task added), then released by the measured operation, which waits for the last task.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class PoolDrainBenchmark {
    static final int TASKS = 20_000;

    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(TASKS + 1));
    private final Body body = new Body();
    private CountDownLatch gate;

    /** One task, queued {@link #TASKS} times: what a pool's request handler does with ThreadLocals. */
    static final class Body implements Runnable {
        volatile CountDownLatch done;
        int request;
        int sink;

        @Override
        public void run() {
            PoolWorkload.CONTEXT.set(request++);
            try {
                StringBuilder buffer = PoolWorkload.BUFFER.get();
                buffer.setLength(0);
                buffer.append(PoolWorkload.CONTEXT.get());
                sink += buffer.length();
            } finally {
                PoolWorkload.CONTEXT.remove();
                done.countDown();
            }
        }
    }

    @Setup(Level.Invocation)
    public void fill() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        gate = held;
        body.done = new CountDownLatch(TASKS);
        pool.execute(() -> {
            entered.countDown();
            try {
                held.await();
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        });
        entered.await(); // the worker is in the gate task, not waiting on the queue
        for (int i = 0; i < TASKS; i++) {
            pool.getQueue().add(body);
        }
    }

    @TearDown
    public void stop() throws InterruptedException {
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    private void drain() throws InterruptedException {
        gate.countDown();
        body.done.await();
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    @Fork(value = 2)
    public void withoutAgent() throws InterruptedException {
        drain();
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    @Fork(value = 2, jvmArgsAppend = {"-javaagent:agent/target/localdrop-agent.jar=log=quiet"})
    public void withAgent() throws InterruptedException {
        if (!SiteHookBenchmark.agentActive()) {
            throw new IllegalStateException("the agent is not active in this fork");
        }
        drain();
    }
}
