package io.localdrop;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Many threads with several keys each: every destructor runs once, on its own thread, and values never cross threads. */
class ConcurrencyTest {
    private static final int THREADS = 1_200;
    private static final int KEYS = 4;

    /** A value that remembers the thread that created it. */
    private static final class Owned {
        final Thread owner = Thread.currentThread();
        final AtomicInteger destroyed = new AtomicInteger();
    }

    @Test
    void everyDestructorRunsExactlyOnceOnItsOwnThread() throws Exception {
        List<String> problems = new java.util.concurrent.CopyOnWriteArrayList<>();
        ConcurrentHashMap<Owned, Boolean> created = new ConcurrentHashMap<>();
        AtomicInteger destructions = new AtomicInteger();
        List<OwnedKey<Owned>> keys = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            String name = "key-" + k;
            keys.add(OwnedKey.named(name, () -> {
                Owned value = new Owned();
                created.put(value, Boolean.TRUE);
                return value;
            }, value -> {
                destructions.incrementAndGet();
                if (value.owner != Thread.currentThread()) {
                    problems.add(name + " destroyed on " + Thread.currentThread().getName() + ", owned by " + value.owner.getName());
                }
                if (value.destroyed.incrementAndGet() != 1) {
                    problems.add(name + " destroyed twice");
                }
            }));
        }
        CountDownLatch allStarted = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        ThreadFactory factory = Localdrop.threadFactory(Thread::new);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            Thread thread = factory.newThread(() -> {
                allStarted.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (OwnedKey<Owned> key : keys) {
                    Owned value = key.get();
                    if (value.owner != Thread.currentThread() || key.get() != value) {
                        problems.add(key.name() + " gave another thread's value");
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        allStarted.await();
        go.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(List.of(), problems);
        assertEquals(THREADS * KEYS, created.size());
        assertEquals(THREADS * KEYS, destructions.get());
        assertTrue(created.keySet().stream().allMatch(v -> v.destroyed.get() == 1));
    }
}
