package io.localdrop.it.diagnose;

import org.apache.logging.log4j.ThreadContext;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * log4j2's MDC (ThreadContext) put by a request and never removed: the next task on the thread logs
 * with the previous request's id.
 */
public final class Log4jMdcFixture {
    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        OnEachThread.run(pool, 2, () -> {
            ThreadContext.put("requestId", "req-" + Thread.currentThread().getName()); // mdc-put
            return null;
        });
        List<Boolean> stale = OnEachThread.run(pool, 2, () -> ThreadContext.get("requestId") != null); // mdc-get
        System.out.println("second tasks saw a stale requestId: " + stale);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
}
