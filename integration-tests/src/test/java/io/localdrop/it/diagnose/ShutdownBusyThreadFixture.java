package io.localdrop.it.diagnose;

import java.util.concurrent.CountDownLatch;

/**
 * A daemon thread that computes forever, still running Java code when the JVM exits: the final report's wait
 * for exiting threads must give up at its bound, not hold the exit. Main leaves a TASK_LEAK first, so that the
 * report has something to say.
 */
public final class ShutdownBusyThreadFixture {
    static volatile long sink;

    public static void main(String[] args) throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        Thread busy = new Thread(() -> {
            running.countDown();
            while (true) {
                sink++;
            }
        }, "busy-forever");
        busy.setDaemon(true);
        busy.start();
        running.await();
        BleedFixture.main(args);
        System.out.println("main done");
    }
}
