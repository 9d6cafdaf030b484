package io.localdrop.agent.report;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

/** The bounded wait at shutdown waits for a thread that is still running Java code, and returns once it has ended. */
class ExitingThreadsTest {
    private static volatile long sink;

    @Test
    void waitsForAThreadStillRunningJavaCodeUntilItEnds() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Thread finishing = new Thread(() -> {
            started.countDown();
            long sum = 0;
            for (long i = 0; i < 300_000_000L; i++) {
                sum += i * 31;
                if ((i & 0xffffff) == 0) {
                    sink = sum; // keeps the loop from being optimised away
                }
            }
            sink = sum;
        }, "finishing-its-work");
        finishing.start();
        started.await();
        ExitingThreads.await(Duration.ofSeconds(60));
        assertFalse(finishing.isAlive(), "returned while the thread was still running");
    }

    @Test
    void aZeroBoundDoesNotWait() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread spinning = new Thread(() -> {
            started.countDown();
            while (release.getCount() > 0) {
                sink++;
            }
        }, "spinning-until-released");
        spinning.start();
        started.await();
        try {
            ExitingThreads.await(Duration.ZERO);
            assertTrue(spinning.isAlive(), "a zero bound returns at once, the thread still running");
        } finally {
            release.countDown();
            spinning.join();
        }
    }
}
