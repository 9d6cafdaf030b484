package io.localdrop.it.exit;

import io.localdrop.OwnedKey;

import java.util.concurrent.CountDownLatch;

/**
 * Two rows of the table of thread ends (docs/agent.md) that the agent cannot hook, shown as they behave:
 * {@code alive}: a daemon thread still alive when the JVM ends keeps its values (no destructor runs on it, as in
 * Rust), while the main thread's run at its own end; {@code dropped}: an owned key whose only reference the
 * application dropped is never collected while a thread holds a value of it, and its destructor still runs at that
 * thread's exit.
 */
public final class UnhookableEndsFixture {
    private UnhookableEndsFixture() {
    }

    public static void main(String[] args) throws Exception {
        if ("alive".equals(args[0])) {
            alive();
        } else {
            dropped();
        }
    }

    private static OwnedKey<String> key(String name) {
        return OwnedKey.named(name, () -> name, value -> {
            System.out.println("destroyed " + value + " on " + Thread.currentThread().getName());
            System.out.flush();
        });
    }

    private static void alive() throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        OwnedKey<String> daemonKey = key("daemon-key");
        Thread daemon = new Thread(() -> {
            daemonKey.get();
            holding.countDown();
            while (true) {
                java.util.concurrent.locks.LockSupport.park(); // still alive when the JVM ends
            }
        }, "daemon");
        daemon.setDaemon(true);
        daemon.start();
        holding.await();
        key("main-key").get();
        System.out.println("main returns");
    }

    private static void dropped() throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch collected = new CountDownLatch(1);
        Thread worker = new Thread(() -> {
            key("dropped-key").get(); // the key's only reference is this expression's
            holding.countDown();
            try {
                collected.await();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }, "worker");
        worker.start();
        holding.await();
        for (int i = 0; i < 3; i++) {
            System.gc(); // the key may only be collected if nothing on the worker keeps it
        }
        collected.countDown();
        worker.join();
        System.out.println("joined");
    }
}
