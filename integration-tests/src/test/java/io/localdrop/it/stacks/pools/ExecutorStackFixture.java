package io.localdrop.it.stacks.pools;

import io.localdrop.it.stacks.BleedOracle;
import io.localdrop.it.stacks.ChildStack;
import io.localdrop.it.stacks.PerThreadScratch;
import java.util.List;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Child main: {@code <pool> <correct|leaky>}. A pool of two threads (one: {@link Pool#threads}) runs {@value #TASKS}
 * tasks. Leaky: first one task per thread stores a user (they meet at a barrier, so each thread gets one), then every fourth task
 * stores its own user before reading and the others only read (a read of an earlier task's user is a
 * bleed). Correct: every task stores its user, reads it and removes it in {@code finally}, and formats it with
 * the thread's cached formatter and scratch buffer ({@link PerThreadScratch}). Prints its oracle.
 */
public final class ExecutorStackFixture {

    static final int THREADS = 2;
    static final int TASKS = 40;
    /** Of {@link #TASKS}, how many the scheduled pool runs as the runs of one periodic task. */
    static final int PERIODIC_RUNS = 12;

    /** The pools under test. */
    public enum Pool {
        THREAD_POOL, SCHEDULED, COMMON_POOL,
        /** {@code Executors.newCachedThreadPool()}: a thread made for each task that finds none idle. */
        CACHED,
        /** {@code Executors.newWorkStealingPool(2)}: a ForkJoinPool of its own. */
        WORK_STEALING,
        /** {@code Executors.newSingleThreadExecutor()}: one thread. */
        SINGLE,
        /** Chains of {@code supplyAsync(..).thenApplyAsync(..)} on the common pool (the overloads without an executor). */
        FUTURE_COMMON,
        /** The same chains on a {@code ThreadPoolExecutor} of two threads. */
        FUTURE_POOL,
        /** A {@code java.util.Timer}: one thread runs every TimerTask. */
        TIMER,
        /** {@code Executors.newThreadPerTaskExecutor(defaultThreadFactory())} (JDK 21+): a new platform thread per task. */
        THREAD_PER_TASK,
        /** {@code Executors.newVirtualThreadPerTaskExecutor()} (JDK 21+): a new virtual thread per task. */
        VIRTUAL_PER_TASK;

        /** How many threads it runs the tasks on (the leaky run's first tasks, one a thread, meet at a barrier). */
        int threads() {
            return this == SINGLE || this == TIMER ? 1 : THREADS;
        }

        /** A new thread for every task: nothing a task leaves is seen by another, and no task end is on a pool thread. */
        public boolean threadPerTask() {
            return this == THREAD_PER_TASK || this == VIRTUAL_PER_TASK;
        }

        /** The JDK feature release that has it. */
        public int since() {
            return threadPerTask() ? 21 : 17;
        }
    }

    private ExecutorStackFixture() {
    }

    public static void main(String[] args) throws Exception {
        Pool kind = Pool.valueOf(args[0]);
        boolean leaky = "leaky".equals(args[1]);
        Timer timer = kind == Pool.TIMER ? new Timer("timer-fixture") : null;
        ExecutorService pool = switch (kind) {
            case THREAD_POOL, FUTURE_POOL -> new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>());
            case SCHEDULED -> new ScheduledThreadPoolExecutor(THREADS);
            case COMMON_POOL, FUTURE_COMMON -> ForkJoinPool.commonPool();
            case CACHED -> Executors.newCachedThreadPool();
            case WORK_STEALING -> Executors.newWorkStealingPool(THREADS);
            case SINGLE -> Executors.newSingleThreadExecutor();
            case TIMER -> null;
            case THREAD_PER_TASK -> (ExecutorService) Executors.class.getMethod("newThreadPerTaskExecutor",
                    ThreadFactory.class).invoke(null, Executors.defaultThreadFactory());
            case VIRTUAL_PER_TASK -> (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                    .invoke(null);
        };
        Executor executor = timer == null ? pool : task -> timer.schedule(new TimerTask() {
            @Override
            public void run() {
                task.run();
            }
        }, 0);
        if ((kind == Pool.COMMON_POOL || kind == Pool.FUTURE_COMMON)
                && ForkJoinPool.getCommonPoolParallelism() != THREADS) {
            throw new IllegalStateException("run with -Djava.util.concurrent.ForkJoinPool.common.parallelism=" + THREADS);
        }
        BleedOracle oracle = new BleedOracle();
        AtomicInteger wrong = new AtomicInteger();
        if (leaky) {
            CyclicBarrier barrier = new CyclicBarrier(kind.threads());
            CountDownLatch stored = new CountDownLatch(kind.threads());
            for (int i = 0; i < kind.threads(); i++) {
                String user = "first-" + i;
                executor.execute(() -> {
                    await(barrier);
                    PoolUser.store(user);
                    stored.countDown();
                });
            }
            await(stored);
        }
        CountDownLatch done = new CountDownLatch(TASKS);
        int oneShot = kind == Pool.SCHEDULED ? TASKS - PERIODIC_RUNS : TASKS;
        for (int i = 0; i < oneShot; i++) {
            Runnable task = task(leaky, i, oracle, wrong, done);
            if (kind == Pool.SCHEDULED) {
                ((ScheduledThreadPoolExecutor) pool).schedule(task, 0, TimeUnit.MILLISECONDS);
            } else if (kind == Pool.FUTURE_COMMON || kind == Pool.FUTURE_POOL) {
                // two tasks a chain: the second runs as a task of its own once the first completed
                Runnable next = task(leaky, ++i, oracle, wrong, done);
                Supplier<Integer> first = () -> {
                    task.run();
                    return 1;
                };
                Function<Integer, Integer> then = value -> {
                    next.run();
                    return value + 1;
                };
                if (kind == Pool.FUTURE_COMMON) {
                    CompletableFuture.supplyAsync(first).thenApplyAsync(then);
                } else {
                    CompletableFuture.supplyAsync(first, pool).thenApplyAsync(then, pool);
                }
            } else {
                executor.execute(task);
            }
        }
        ScheduledFuture<?> periodic = null;
        if (kind == Pool.SCHEDULED) {
            AtomicInteger runs = new AtomicInteger();
            periodic = ((ScheduledThreadPoolExecutor) pool).scheduleWithFixedDelay(() -> {
                int run = runs.getAndIncrement();
                if (run < PERIODIC_RUNS) {
                    task(leaky, oneShot + run, oracle, wrong, done).run();
                }
            }, 0, 1, TimeUnit.MILLISECONDS);
        }
        await(done);
        if (periodic != null) {
            periodic.cancel(false);
        }
        if (timer != null) {
            timer.cancel();
        } else if (pool != ForkJoinPool.commonPool()) {
            pool.shutdown();
            if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new TimeoutException("pool did not stop");
            }
        }
        System.out.println(kind + " " + args[1] + ": " + oracle + ", wrong answers of correct tasks: " + wrong);
        ChildStack.print("users", oracle);
        if (wrong.get() != 0) {
            System.exit(3);
        }
    }

    private static Runnable task(boolean leaky, int i, BleedOracle oracle, AtomicInteger wrong, CountDownLatch done) {
        return () -> {
            try {
                String user = "user-" + i;
                if (!leaky) {
                    String read = PoolUser.withUser(user);
                    if (!user.equals(read) || !(user + "@1970-01-01").equals(PerThreadScratch.stamp(read))) {
                        wrong.incrementAndGet();
                    }
                } else if (i % 4 == 0) {
                    PoolUser.store(user);
                    oracle.read(true, PoolUser.read());
                } else {
                    oracle.read(false, PoolUser.read());
                }
            } finally {
                done.countDown();
            }
        };
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException | BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("the pool's threads did not meet", e);
        }
    }

    private static void await(CountDownLatch latch) throws InterruptedException, TimeoutException {
        if (!latch.await(2, TimeUnit.MINUTES)) {
            throw new TimeoutException("tasks did not finish");
        }
    }

    static List<String> jvmArgs() {
        return List.of("-Djava.util.concurrent.ForkJoinPool.common.parallelism=" + THREADS);
    }
}
