package io.localdrop.it.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The classic per-instance leak at scale: a ThreadLocal created in a constructor, one per object, on a 2-thread
 * pool; every second object stores into its own and is dropped without removing it. args[0]: how many objects
 * (default 1,000,000), in tasks of 1,000. Prints its own elapsed time and the heap in use after a GC, for the
 * figures in docs/diagnose.md.
 */
public final class FloodFixture {
    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int perTask = 1_000;
        long started = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<Integer>> tasks = new ArrayList<>();
        for (int t = 0; t < total / perTask; t++) {
            tasks.add(pool.submit(() -> {
                int stored = 0;
                for (int i = 0; i < perTask; i++) {
                    Session session = new Session();
                    if ((i & 1) == 0) {
                        session.remember(i);
                        stored++;
                    }
                }
                return stored;
            }));
        }
        long stored = 0;
        for (Future<Integer> task : tasks) {
            stored += task.get();
        }
        pool.shutdown();
        pool.awaitTermination(5, TimeUnit.MINUTES);
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long heap = (runtime.totalMemory() - runtime.freeMemory()) / (1024 * 1024);
        System.out.println("sessions: " + total + ", stored: " + stored);
        System.out.println("elapsed ms: " + elapsed + ", heap MiB after gc: " + heap);
    }

    static final class Session {
        private final ThreadLocal<Integer> state = new ThreadLocal<>(); // flood-created

        void remember(int value) {
            state.set(value); // flood-set
        }
    }
}
