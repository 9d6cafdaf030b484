package io.localdrop.it.diagnose;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Makes the periodic report impossible to write for a while, then possible again: leaks one value, waits for the
 * first report (args[0]), puts a non-empty directory in the report's place (a rename onto it fails), waits until the
 * agent's live report lists the failed write, removes the directory, and waits until the periodic writer has written
 * a report again. Prints each step; gives up after a minute per step.
 */
public final class PeriodicReportFailureFixture {
    static final ThreadLocal<Object> LEFT = new ThreadLocal<>();

    private PeriodicReportFailureFixture() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        try {
            pool.submit(() -> LEFT.set(new Object())).get();
            Path report = Paths.get(args[0]);
            Method live = Class.forName("java.lang.LocaldropBridge", false, null).getMethod("report");
            System.out.println("first report: " + await(() -> Files.isRegularFile(report)));
            Path blocker = report.resolve("blocker");
            // the writer may put the file back between delete and mkdir: try again until the directory stands
            System.out.println("blocked: " + await(() -> {
                Files.deleteIfExists(report);
                try {
                    Files.createDirectory(report);
                } catch (java.nio.file.FileAlreadyExistsException writtenMeanwhile) {
                    return Files.isDirectory(report);
                }
                return true;
            }));
            Files.createFile(blocker);
            System.out.println("failure seen live: "
                    + await(() -> ((String) live.invoke(null)).contains("\"where\": \"report: writing the report file\"")));
            Files.delete(blocker);
            Files.delete(report);
            System.out.println("written again: " + await(() -> Files.isRegularFile(report)
                    && Files.readString(report).contains("\"where\": \"report: writing the report file\"")));
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    interface Condition {
        boolean holds() throws Exception;
    }

    private static boolean await(Condition condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return true;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        return false;
    }
}
