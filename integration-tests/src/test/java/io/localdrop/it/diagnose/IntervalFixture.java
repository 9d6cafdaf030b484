package io.localdrop.it.diagnose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Leaks a value on a pool, then waits (up to a minute) for the periodic report (args[0]) to show it while
 * the JVM still runs, and prints what it saw.
 */
public final class IntervalFixture {
    static final ThreadLocal<Object> LEFT = new ThreadLocal<>();

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        pool.submit(() -> LEFT.set(new Object())).get();
        Path report = Paths.get(args[0]);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        boolean seen = false;
        while (!seen && System.nanoTime() < deadline) {
            seen = Files.exists(report) && Files.readString(report).contains("TASK_LEAK");
            if (!seen) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
        }
        System.out.println("periodic report seen while running: " + seen);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
}
