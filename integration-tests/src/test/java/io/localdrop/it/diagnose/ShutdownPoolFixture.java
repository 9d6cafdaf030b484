package io.localdrop.it.diagnose;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool of two daemon workers, each of which opens a connection into a ThreadLocal on its first task and keeps
 * it; the application stops the pool in its own shutdown hook ({@code shutdown(); awaitTermination}), so the
 * workers exit, still holding their connections, during the JVM's shutdown. Argument {@code exit}: main ends with
 * {@code System.exit(0)}; otherwise main returns.
 */
public final class ShutdownPoolFixture {
    static final ThreadLocal<ExitLeakFixture.Connection> CONNECTION = new ThreadLocal<>(); // pool-created

    public static void main(String[] args) throws Exception {
        AtomicInteger number = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), task -> {
            Thread worker = new Thread(task, "shutdown-worker-" + number.incrementAndGet());
            worker.setDaemon(true);
            return worker;
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                ShutdownHookOrder.afterAnyOrdinaryAgentHook();
                pool.shutdown();
                System.out.println("pool terminated: " + pool.awaitTermination(60, TimeUnit.SECONDS));
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }, "application-graceful-shutdown"));
        CountDownLatch opened = new CountDownLatch(2);
        CountDownLatch both = new CountDownLatch(1);
        for (int i = 0; i < 2; i++) {
            pool.execute(() -> {
                CONNECTION.set(new ExitLeakFixture.Connection()); // pool-set
                opened.countDown();
                try {
                    both.await(); // so that each worker takes one task
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        opened.await();
        both.countDown();
        System.out.println("connections opened");
        if (args.length > 0 && args[0].equals("exit")) {
            System.exit(0);
        }
    }
}
