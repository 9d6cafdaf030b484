package io.localdrop.it.diagnose;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The classic per-instance leak at scale: a ThreadLocal created in a constructor, one per object, on a 2-thread
 * pool; every second object stores into its own and is dropped without removing it. args[0]: how many objects
 * (default 1,000,000), in tasks of 1,000. Prints its own elapsed time and the heap in use after a GC, for the
 * figures in docs/diagnose.md, and the line {@code flood ELAPSED_MS HEAP_MIB} that scripts/flood-bench.sh reads (the
 * script compiles this very file, so that the test and the benchmark run one program).
 */
public final class FloodFixture {
    public static void main(String[] args) throws Exception {
        int total = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int perTask = 1_000;
        long started = System.nanoTime();
        List<Thread> workers = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(2, task -> {
            Thread worker = Executors.defaultThreadFactory().newThread(task);
            workers.add(worker);
            return worker;
        });
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
        // awaitTermination returns when the workers leave the pool, before their threads exit (and drop their
        // maps): joined, so that the heap below is not whatever an exit still in progress holds
        for (Thread worker : workers) {
            worker.join();
        }
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        System.gc();
        // what the last GC left (every pool's usage after it): Runtime's total - free also counts the regions
        // other threads allocate in right after it, which made single runs differ by 20 MiB
        long after = 0;
        for (MemoryPoolMXBean memory : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage usage = memory.getCollectionUsage();
            if (usage != null) {
                after += usage.getUsed();
            }
        }
        long heap = Math.round(after / (1024.0 * 1024.0));
        System.out.println("sessions: " + total + ", stored: " + stored);
        System.out.println("elapsed ms: " + elapsed + ", heap MiB after gc: " + heap);
        if (stored != total / 2) {
            throw new IllegalStateException("stored " + stored + " of " + total + " sessions, expected half");
        }
        System.out.println("flood " + elapsed + " " + heap);
    }

    static final class Session {
        private final ThreadLocal<Integer> state = new ThreadLocal<>(); // flood-created

        void remember(int value) {
            state.set(value); // flood-set
        }
    }
}
