package io.localdrop.it.exit;

import io.localdrop.OwnedKey;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;

/**
 * Child-JVM main class: values on the threads whose ThreadLocal maps the JDK erases while they live on. The common
 * ForkJoinPool's workers (JDK 17 and 21 erase after each top-level task, JDK 25 resets an idle worker) and the
 * Cleaner's thread (erased after each cleaning action). Every value created on such a thread must be destroyed (an
 * owned key) or closed (a plain ThreadLocal under {@code mode=enforce}) exactly once, on the thread that created it.
 *
 * <p>Scenarios: {@code owned}, {@code closeables} (run under enforce), {@code cleaner}. The fixture waits (on a
 * monitor, bounded) until every value was destroyed, then prints one line of counts.
 */
public final class CommonPoolFixture {
    private static final AtomicInteger IDS = new AtomicInteger();
    /** Values created on pool workers, by id, with their creating thread. */
    private static final Map<Integer, Thread> CREATED = new ConcurrentHashMap<>();
    private static final Map<Integer, AtomicInteger> ENDED = new ConcurrentHashMap<>();
    private static final AtomicInteger WRONG_THREAD = new AtomicInteger();
    private static final Object PROGRESS = new Object();

    /** One value: its id and the thread that created it. */
    static final class Value implements AutoCloseable {
        final int id = IDS.incrementAndGet();
        final Thread owner = Thread.currentThread();

        Value() {
            if (owner instanceof ForkJoinWorkerThread) {
                CREATED.put(id, owner);
            }
        }

        /** The destructor (owned key) or close (enforce). */
        @Override
        public void close() {
            if (!(owner instanceof ForkJoinWorkerThread)) {
                return; // the main thread's values (it helps parallel streams) end when main does, after the print
            }
            if (Thread.currentThread() != owner) {
                WRONG_THREAD.incrementAndGet();
            }
            ENDED.computeIfAbsent(id, any -> new AtomicInteger()).incrementAndGet();
            synchronized (PROGRESS) {
                PROGRESS.notifyAll();
            }
        }
    }

    private static final OwnedKey<Value> OWNED = OwnedKey.named("common-pool value", Value::new, Value::close);
    private static final ThreadLocal<Value> PLAIN = ThreadLocal.withInitial(Value::new);

    private CommonPoolFixture() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "owned": onCommonPool(() -> OWNED.get().id); break;
            case "closeables": onCommonPool(() -> PLAIN.get().id); break;
            case "cleaner": cleaner(); break;
            case "idleWipes": idleWipes(); break;
            default: throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
    }

    /**
     * JDK 17 and 21 erase a common-pool worker's maps after every top-level task. Under diagnose each task start
     * gives the worker the agent's own state, and nothing else is there after a task that uses no ThreadLocal: that
     * erase must send no wipe event. After tasks that used a plain ThreadLocal, it must.
     */
    private static void idleWipes() throws Exception {
        AtomicInteger phase = new AtomicInteger();
        AtomicInteger[] wipes = {new AtomicInteger(), new AtomicInteger()};
        AtomicInteger[] onWorkers = {new AtomicInteger(), new AtomicInteger()};
        java.util.function.IntConsumer feature = event -> {
            if (event == 1 && Thread.currentThread() instanceof ForkJoinWorkerThread) {
                wipes[phase.get()].incrementAndGet();
            }
        };
        ExitFixture.requireInstalledAgent();
        Class.forName("io.localdrop.agent.exit.ExitEvents").getMethod("addHandler", java.util.function.IntConsumer.class)
                .invoke(null, feature);
        for (int kind = 0; kind < 2; kind++) {
            phase.set(kind);
            boolean usesThreadLocal = kind == 1;
            AtomicInteger ranOnWorker = onWorkers[kind];
            List<CompletableFuture<Void>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(CompletableFuture.runAsync(() -> {
                    if (Thread.currentThread() instanceof ForkJoinWorkerThread) {
                        ranOnWorker.incrementAndGet();
                    }
                    if (usesThreadLocal) {
                        PLAIN.get();
                    }
                }));
            }
            for (CompletableFuture<Void> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
            java.util.concurrent.ForkJoinPool.commonPool().awaitQuiescence(60, TimeUnit.SECONDS);
        }
        System.out.println("idle tasks on workers=" + (onWorkers[0].get() > 0) + " wipe events after them=" + wipes[0].get()
                + "; ThreadLocal tasks on workers=" + (onWorkers[1].get() > 0) + " wipe events after them=" + (wipes[1].get() > 0));
    }

    private static void onCommonPool(IntSupplier use) throws InterruptedException {
        List<CompletableFuture<Integer>> futures = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            futures.add(CompletableFuture.supplyAsync(use::getAsInt));
        }
        futures.forEach(CompletableFuture::join);
        IntStream.range(0, 2_000).parallel().map(i -> use.getAsInt()).sum();
        CompletableFuture.supplyAsync(() -> IntStream.range(0, 2_000).parallel().map(i -> use.getAsInt()).sum()).join();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        synchronized (PROGRESS) {
            while (!allEnded() && System.nanoTime() < deadline) {
                PROGRESS.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        }
        int notEnded = 0;
        int endedTwice = 0;
        for (Integer id : CREATED.keySet()) {
            AtomicInteger ended = ENDED.get(id);
            if (ended == null) {
                notEnded++;
            } else if (ended.get() > 1) {
                endedTwice++;
            }
        }
        System.out.println("createdOnWorkers>0=" + !CREATED.isEmpty() + " notEnded=" + notEnded + " endedMoreThanOnce="
                + endedTwice + " wrongThread=" + WRONG_THREAD.get());
    }

    private static boolean allEnded() {
        return ENDED.keySet().containsAll(CREATED.keySet());
    }

    /**
     * A cleaning action uses an owned key on the Cleaner's thread (an InnocuousThread), which erases its
     * ThreadLocals after the action: the key's value must be destroyed first, there.
     */
    private static void cleaner() throws InterruptedException {
        CountDownLatch cleaned = new CountDownLatch(1);
        CountDownLatch destroyed = new CountDownLatch(1);
        Thread[] cleanerThread = new Thread[1];
        String[] where = new String[1];
        OwnedKey<String> key = OwnedKey.named("cleaning-action value", () -> "v", value -> {
            where[0] = Thread.currentThread().getName() + " (the action's thread: " + (Thread.currentThread() == cleanerThread[0]) + ")";
            destroyed.countDown();
        });
        Cleaner cleaner = Cleaner.create();
        registerGarbage(cleaner, () -> {
            cleanerThread[0] = Thread.currentThread();
            key.get();
            cleaned.countDown();
        });
        for (int i = 0; i < 600 && cleaned.getCount() > 0; i++) {
            System.gc();
            cleaned.await(100, TimeUnit.MILLISECONDS);
        }
        boolean ran = destroyed.await(60, TimeUnit.SECONDS);
        System.out.println("action ran=" + (cleaned.getCount() == 0) + " destroyed=" + ran + " on " + where[0]);
        // keeps the Cleaner reachable until here: its thread ends (destroying everything) once it is collected
        System.out.println("cleaner kept " + (cleaner != null));
    }

    private static void registerGarbage(Cleaner cleaner, Runnable action) {
        cleaner.register(new Object(), action);
    }
}
