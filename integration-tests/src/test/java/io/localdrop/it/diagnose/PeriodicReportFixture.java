package io.localdrop.it.diagnose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Leaks values of 400 ThreadLocals on a pool (one finding: they are created on one line, and grouped by it), then
 * either waits to be killed ({@code args[1] = wait}, at most two
 * minutes) or ends as soon as the periodic report (args[0]) shows the leaks ({@code exit}).
 */
public final class PeriodicReportFixture {
    static final List<ThreadLocal<Object>> KEPT = new ArrayList<>();

    private PeriodicReportFixture() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        for (int i = 0; i < 400; i++) {
            ThreadLocal<Object> local = new ThreadLocal<>();
            KEPT.add(local); // reachable to the end: a ThreadLocal collected before its task ends is no finding
            pool.submit(() -> local.set(new Object())).get();
        }
        System.out.println("leaked");
        System.out.flush();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        Path report = Paths.get(args[0]);
        boolean exitEarly = "exit".equals(args[1]);
        while (System.nanoTime() < deadline) {
            if (exitEarly && Files.exists(report) && Files.readString(report).contains("TASK_LEAK")) {
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
}
