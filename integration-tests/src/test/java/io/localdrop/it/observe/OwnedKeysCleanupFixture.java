package io.localdrop.it.observe;

import io.localdrop.OwnedKey;

import java.lang.ref.Cleaner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Child-JVM main class for {@link JfrEventsTest}: a thread that used {@link #KEYS} owned keys and ends, and a cleaning
 * action of a {@link Cleaner} that used {@link #WIPED_KEYS} of them (the Cleaner's thread erases its ThreadLocals after
 * each action: a wipe, the keys destroyed while the thread lives on).
 * Scenarios: {@code exit} (owned keys only), {@code mixed} (the owned keys and {@link #CLOSEABLES} AutoCloseable values
 * of plain ThreadLocals, for mode=enforce to close), {@code wipe}.
 */
public final class OwnedKeysCleanupFixture {
    static final int KEYS = 3;
    static final int CLOSEABLES = 2;
    static final int WIPED_KEYS = 2;
    static final String EXITING_THREAD = "owned-keys-worker";

    private static final CountDownLatch DESTROYED = new CountDownLatch(KEYS);
    @SuppressWarnings("unchecked")
    private static final OwnedKey<Object>[] OWNED = new OwnedKey[KEYS];
    @SuppressWarnings("unchecked")
    private static final ThreadLocal<AutoCloseable>[] PLAIN = new ThreadLocal[CLOSEABLES];

    static {
        for (int i = 0; i < KEYS; i++) {
            OWNED[i] = OwnedKey.named("cleanup key " + i, Object::new, value -> DESTROYED.countDown());
        }
        for (int i = 0; i < CLOSEABLES; i++) {
            PLAIN[i] = new ThreadLocal<>();
        }
    }

    private OwnedKeysCleanupFixture() {
    }

    /** A plain ThreadLocal's AutoCloseable value. */
    static final class Resource implements AutoCloseable {
        @Override
        public void close() {
        }
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "exit": exitingThread(false); break;
            case "mixed": exitingThread(true); break;
            case "wipe": cleaningAction(); break;
            default: throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
    }

    private static void exitingThread(boolean withCloseables) throws InterruptedException {
        Thread worker = new Thread(() -> {
            for (OwnedKey<Object> key : OWNED) {
                key.get();
            }
            if (withCloseables) {
                for (ThreadLocal<AutoCloseable> local : PLAIN) {
                    local.set(new Resource()); // one object each: enforce closes a value once, by identity
                }
            }
        }, EXITING_THREAD);
        worker.start();
        worker.join();
        System.out.println("destroyed all: " + DESTROYED.await(0, TimeUnit.SECONDS));
    }

    private static void cleaningAction() throws InterruptedException {
        CountDownLatch acted = new CountDownLatch(1);
        CountDownLatch destroyed = new CountDownLatch(WIPED_KEYS);
        @SuppressWarnings("unchecked")
        OwnedKey<Object>[] keys = new OwnedKey[WIPED_KEYS];
        for (int i = 0; i < WIPED_KEYS; i++) {
            keys[i] = OwnedKey.named("cleaning-action key " + i, Object::new, value -> destroyed.countDown());
        }
        Cleaner cleaner = Cleaner.create();
        registerGarbage(cleaner, () -> {
            for (OwnedKey<Object> key : keys) {
                key.get();
            }
            acted.countDown();
        });
        for (int i = 0; i < 600 && acted.getCount() > 0; i++) {
            System.gc();
            acted.await(100, TimeUnit.MILLISECONDS);
        }
        System.out.println("action ran=" + (acted.getCount() == 0) + " destroyed=" + destroyed.await(60, TimeUnit.SECONDS));
        // keeps the Cleaner reachable until here: its thread ends (destroying everything) once it is collected
        System.out.println("cleaner kept " + (cleaner != null));
    }

    private static void registerGarbage(Cleaner cleaner, Runnable action) {
        cleaner.register(new Object(), action);
    }
}
