package io.localdrop.it.diagnose;

import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * ThreadLocals used correctly: set / try / finally remove around each request, per-thread caches made by
 * withInitial and by an initialValue override, on a fixed pool, a scheduled pool and ForkJoin.
 */
public final class CorrectUsageFixture {
    static final ThreadLocal<String> REQUEST = new ThreadLocal<>();
    static final ThreadLocal<StringBuilder> BUFFER = ThreadLocal.withInitial(StringBuilder::new);
    static final ThreadLocal<MessageDigest> DIGEST = new ThreadLocal<>() {
        @Override
        protected MessageDigest initialValue() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    };

    static int handle(String request) {
        REQUEST.set(request);
        try {
            StringBuilder buffer = BUFFER.get();
            buffer.setLength(0);
            buffer.append(REQUEST.get());
            return DIGEST.get().digest(buffer.toString().getBytes())[0] & 0x7f;
        } finally {
            REQUEST.remove();
        }
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int round = 0; round < 3; round++) {
            int r = round;
            List<Integer> results = OnEachThread.run(pool, 2, () -> handle("request-" + r));
            System.out.println("pool round " + round + ": " + results);
        }
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        ExecutorService scheduled = Executors.newScheduledThreadPool(1);
        System.out.println("scheduled: " + scheduled.submit(() -> handle("scheduled")).get());
        scheduled.shutdown();
        scheduled.awaitTermination(1, TimeUnit.MINUTES);
        ForkJoinPool forkJoin = new ForkJoinPool(2);
        int sum = 0;
        for (int i = 0; i < 20; i++) {
            int n = i;
            sum += CompletableFuture.supplyAsync(() -> handle("fj-" + n), forkJoin).get();
        }
        System.out.println("fork-join sum: " + sum);
        forkJoin.shutdown();
        forkJoin.awaitTermination(1, TimeUnit.MINUTES);
    }
}
