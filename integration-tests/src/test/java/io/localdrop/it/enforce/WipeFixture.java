package io.localdrop.it.enforce;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * JDK 25 wipes the ThreadLocal maps of live common-pool workers: under enforce, an AutoCloseable value in a plain
 * ThreadLocal is closed on the worker first. Waits (bounded, on a latch) for the close and says where it ran.
 */
public final class WipeFixture {
    static final ThreadLocal<AutoCloseable> HANDLE = new ThreadLocal<>();

    private WipeFixture() {
    }

    public static void main(String[] args) throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        Thread[] worker = new Thread[1];
        String[] where = new String[1];
        ForkJoinPool.commonPool().submit(() -> {
            worker[0] = Thread.currentThread();
            HANDLE.set(() -> {
                where[0] = Thread.currentThread().getName() + " (the task's worker: "
                        + (Thread.currentThread() == worker[0]) + ")";
                closed.countDown();
            });
        }).get();
        boolean ran = closed.await(60, TimeUnit.SECONDS);
        System.out.println("closed=" + ran + " on " + where[0] + " worker alive=" + worker[0].isAlive());
    }
}
