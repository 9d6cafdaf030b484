package io.localdrop.it.diagnose;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Runs one task on each of a pool's {@code threads} threads at once: the tasks wait for each other at a
 * barrier, so no thread can take two of them. That is how a fixture makes "the next task on the same
 * thread" certain without sleeping.
 */
final class OnEachThread {
    private OnEachThread() {
    }

    static <T> List<T> run(ExecutorService pool, int threads, Callable<T> task) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(threads);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                await(barrier);
                return task.call();
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get());
        }
        return results;
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            throw new IllegalStateException(e);
        }
    }
}
