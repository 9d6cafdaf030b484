package io.localdrop.it.diagnose;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A 2-thread pool where each request's filter sets the request context and never clears it: the next
 * task on the same thread, which does not set its own, sees the previous request's user.
 */
public final class BleedFixture {
    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        OnEachThread.run(pool, 2, () -> {
            RequestContext.set(new RequestContext.User("alice-" + Thread.currentThread().getName()));
            return null;
        });
        List<String> seen = OnEachThread.run(pool, 2, () -> {
            RequestContext.User user = RequestContext.get();
            return user == null ? "nobody" : "someone";
        });
        System.out.println("second tasks saw: " + seen);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
}
