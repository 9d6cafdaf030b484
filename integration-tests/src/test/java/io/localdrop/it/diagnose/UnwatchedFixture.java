package io.localdrop.it.diagnose;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Three pooled-looking threads ({@code poller-1} ...) that store a value: {@code loop} runs them as bare threads
 * that never pass a task boundary (a loop the agent cannot see: it calls no Runnable), still alive when the report is
 * written; {@code exited} runs them as bare threads that end before it; {@code pool} runs the same work as tasks of a
 * ThreadPoolExecutor whose threads have the same names.
 */
public final class UnwatchedFixture {
    static final ThreadLocal<String> STATE = new ThreadLocal<>();

    private UnwatchedFixture() {
    }

    static void work(int id) {
        STATE.set("job " + id); // unwatched-set
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch stored = new CountDownLatch(3);
        if (args[0].equals("exited")) {
            for (int i = 1; i <= 3; i++) {
                int id = i;
                Thread poller = new Thread(() -> {
                    work(id);
                    stored.countDown();
                }, "poller-" + i);
                poller.start();
                poller.join();
            }
        } else if (args[0].equals("loop")) {
            for (int i = 1; i <= 3; i++) {
                int id = i;
                Thread poller = new Thread(() -> {
                    work(id);
                    stored.countDown();
                    try {
                        new CountDownLatch(1).await(); // alive until the JVM exits, as a poller would be
                    } catch (InterruptedException stop) {
                        Thread.currentThread().interrupt();
                    }
                }, "poller-" + i);
                poller.setDaemon(true);
                poller.start();
            }
        } else {
            int[] next = {1};
            ExecutorService pool = Executors.newFixedThreadPool(3, task -> {
                Thread thread = new Thread(task, "poller-" + next[0]++);
                thread.setDaemon(true);
                return thread;
            });
            for (int i = 1; i <= 3; i++) {
                int id = i;
                pool.execute(() -> {
                    work(id);
                    stored.countDown();
                });
            }
            stored.await(1, TimeUnit.MINUTES);
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
        stored.await(1, TimeUnit.MINUTES);
        System.out.println("stored on 3 threads");
    }
}
