package io.localdrop.testing;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The program {@link LocaldropContainerTest} runs in a container: one pooled task leaves a value in
 * a ThreadLocal, then the program prints where and waits to be stopped (SIGTERM).
 */
public final class ContainerLeakyApp {

    static final ThreadLocal<StringBuilder> BUFFER = new ThreadLocal<>();

    private ContainerLeakyApp() {
    }

    public static void main(String[] args) throws Exception {
        int[] setLine = new int[1];
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.submit(() -> { BUFFER.set(new StringBuilder("secret-order")); setLine[0] = new Throwable().getStackTrace()[0].getLineNumber(); }).get();
        pool.shutdown();
        if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the pool did not end");
        }
        System.out.println("leaky app: set at line " + setLine[0] + ", ready");
        System.out.flush();
        new CountDownLatch(1).await(); // until the container is stopped
    }
}
