package io.localdrop.it.diagnose;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Real logback 1.5 (its MDC map and its appenders' ReentryGuard) on a 2-thread pool. Every request logs through a
 * console appender. {@code correct}: each request puts its id and removes it in {@code finally}; logback's
 * per-thread map stays on the thread, empty. {@code leaky}: some requests forget the remove, and a later request
 * on the same thread reads the stale id. {@code leaky-first}: as {@code leaky}, and the first request on each thread,
 * the one whose {@code MDC.put} makes logback's map, forgets the remove too.
 */
public final class LogbackMdcFixture {
    private static final Logger LOG = LoggerFactory.getLogger(LogbackMdcFixture.class);

    public static void main(String[] args) throws Exception {
        boolean leakyFirst = args.length > 0 && args[0].equals("leaky-first");
        boolean leaky = leakyFirst || args.length > 0 && args[0].equals("leaky");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int stale = 0;
        for (int round = 0; round < 6; round++) {
            int r = round;
            List<Boolean> sawStale;
            if (leaky && (round == 1 || round == 4 || leakyFirst && round == 0)) {
                sawStale = OnEachThread.run(pool, 2, () -> leakyEndpoint("leak-" + r));
            } else if (leaky && (round == 2 || round == 5)) {
                sawStale = OnEachThread.run(pool, 2, LogbackMdcFixture::statusEndpoint);
            } else {
                sawStale = OnEachThread.run(pool, 2, () -> correctEndpoint("ok-" + r));
            }
            for (boolean b : sawStale) {
                stale += b ? 1 : 0;
            }
        }
        System.out.println("stale reads: " + stale);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    static boolean correctEndpoint(String id) {
        boolean stale = MDC.get("requestId") != null;
        MDC.put("requestId", id); // mdc-correct-put
        try {
            LOG.info("handled");
        } finally {
            MDC.remove("requestId");
        }
        return stale;
    }

    static boolean leakyEndpoint(String id) {
        boolean stale = MDC.get("requestId") != null;
        MDC.put("requestId", id); // mdc-leaky-put
        LOG.info("handled, forgot to remove");
        return stale;
    }

    static boolean statusEndpoint() {
        String left = MDC.get("requestId"); // mdc-stale-read
        LOG.info("status");
        return left != null;
    }
}
