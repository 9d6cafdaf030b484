package io.localdrop.it.stacks.pools;

import io.localdrop.it.stacks.PerThreadScratch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * Child main: {@code <STREAM|RECURSIVE> <correct|leaky>}. {@value #RUNS} computations one after the other, each of
 * {@value #ELEMENTS} elements: a parallel {@code IntStream.range(..).parallel().map(..)} on the common pool
 * (parallelism 2), or a {@code RecursiveTask} forking down to pairs on a {@code new ForkJoinPool(2)}. Leaky: every
 * fourth element stores its user and never removes it, every element reads the user ({@link PoolReader}). Correct:
 * each element stores, reads and removes its user. A worker runs subtasks while it joins, nested in the task it
 * took, and maps a subtask's elements one after the other: the agent's unit of work is the outermost task a worker
 * took, which the application cannot see. So the oracle is bounds, printed as
 * {@code bounds crossRuns=A workerReads=B workerStores=C}: A reads on a worker saw an earlier computation's user
 * (always another outermost task: each is a BLEED's reading task, or one such task's), B reads on a worker of an
 * element that stored nothing saw a user (a BLEED counts at most one a reading task), C stores were on a worker.
 */
public final class ForkJoinStackFixture {

    static final int RUNS = 20;
    static final int ELEMENTS = 32;

    /** The computations under test. */
    public enum Kind {
        STREAM, RECURSIVE
    }

    private static final AtomicInteger CROSS_RUNS = new AtomicInteger();
    private static final AtomicInteger WORKER_READS = new AtomicInteger();
    private static final AtomicInteger WORKER_STORES = new AtomicInteger();
    private static final AtomicInteger WRONG = new AtomicInteger();

    private ForkJoinStackFixture() {
    }

    public static void main(String[] args) throws Exception {
        Kind kind = Kind.valueOf(args[0]);
        boolean leaky = "leaky".equals(args[1]);
        if (ForkJoinPool.getCommonPoolParallelism() != ExecutorStackFixture.THREADS) {
            throw new IllegalStateException("run with " + ExecutorStackFixture.jvmArgs());
        }
        // loads the ThreadLocal's classes on main, so the agent installs before a worker's first task (a task running
        // at the installation keeps its unwatched doExec: docs/agent.md, "When the agent installs itself")
        if (PoolReader.read() != null) {
            throw new IllegalStateException("main holds a user before any task");
        }
        ForkJoinPool pool = kind == Kind.RECURSIVE ? new ForkJoinPool(ExecutorStackFixture.THREADS) : null;
        for (int run = 0; run < RUNS; run++) {
            int first = run * ELEMENTS;
            int sum = kind == Kind.STREAM
                    ? IntStream.range(first, first + ELEMENTS).parallel().map(i -> element(leaky, i)).sum()
                    : pool.invoke(new Pairs(leaky, first, first + ELEMENTS));
            if (sum != ELEMENTS * (2 * first + ELEMENTS - 1) / 2) {
                WRONG.incrementAndGet();
            }
        }
        if (pool != null) {
            pool.shutdown();
            if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new TimeoutException("pool did not stop");
            }
        }
        System.out.println("bounds crossRuns=" + CROSS_RUNS + " workerReads=" + WORKER_READS + " workerStores="
                + WORKER_STORES);
        System.out.println(kind + " " + args[1] + ": wrong answers: " + WRONG);
        System.out.flush();
        if (WRONG.get() != 0) {
            System.exit(3);
        }
    }

    /** One element's work; returns {@code i}. */
    static int element(boolean leaky, int i) {
        String user = "user-" + i;
        boolean worker = Thread.currentThread() instanceof ForkJoinWorkerThread;
        if (!leaky) {
            String read = PoolUser.withUser(user);
            if (!user.equals(read) || !(user + "@1970-01-01").equals(PerThreadScratch.stamp(read))) {
                WRONG.incrementAndGet();
            }
        } else if (i % 4 == 0) {
            PoolUser.store(user);
            if (worker) {
                WORKER_STORES.incrementAndGet();
            }
            if (!user.equals(PoolReader.read())) {
                WRONG.incrementAndGet();
            }
        } else {
            String read = PoolReader.read();
            if (worker && read != null) {
                WORKER_READS.incrementAndGet();
                if (Integer.parseInt(read.substring("user-".length())) / ELEMENTS != i / ELEMENTS) {
                    CROSS_RUNS.incrementAndGet();
                }
            }
        }
        return i;
    }

    /** The sum of {@code [from, to)}: halves forked and joined down to pairs, whose elements run one after the other. */
    static final class Pairs extends RecursiveTask<Integer> {
        private final boolean leaky;
        private final int from;
        private final int to;

        Pairs(boolean leaky, int from, int to) {
            this.leaky = leaky;
            this.from = from;
            this.to = to;
        }

        @Override
        protected Integer compute() {
            if (to - from <= 2) {
                int sum = 0;
                for (int i = from; i < to; i++) {
                    sum += element(leaky, i);
                }
                return sum;
            }
            int middle = (from + to) >>> 1;
            Pairs left = new Pairs(leaky, from, middle);
            left.fork();
            int right = new Pairs(leaky, middle, to).compute();
            return right + left.join();
        }
    }
}
