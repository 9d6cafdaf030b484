package io.localdrop.examples;

import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A small web-server-like program with a classic ThreadLocal bug, for {@code scripts/demo.sh} and
 * docs/diagnose.md: a 2-thread pool handles "requests"; a filter puts the caller into a request-context
 * holder and never removes it, so a request that arrives without a user is served as the previous
 * request's user. It also keeps a per-thread date formatter (a harmless cache).
 *
 * <p>Run it under the agent:
 * {@code java -javaagent:agent/target/localdrop-agent.jar=report=leaky.json -cp examples/target/classes io.localdrop.examples.LeakyPool}
 * and the report shows BLEED (the anonymous request served as alice or bob), TASK_LEAK (the filter's set
 * without remove) and CACHE (the formatter).
 */
public final class LeakyPool {
    /** The request-context holder. The bug: {@link #authenticate} sets it, nobody removes it. */
    static final ThreadLocal<String> CURRENT_USER = new ThreadLocal<>();
    /** A per-thread cache: SimpleDateFormat is not thread-safe, one per thread is the usual fix. */
    static final ThreadLocal<SimpleDateFormat> DATES = ThreadLocal.withInitial(() -> {
        SimpleDateFormat format = new SimpleDateFormat("yyyy-MM-dd");
        format.setTimeZone(TimeZone.getTimeZone("UTC"));
        return format;
    });

    private LeakyPool() {
    }

    /** The "filter": authenticates the request when it carries a user. */
    static void authenticate(String user) {
        if (user != null) {
            CURRENT_USER.set(user);
        }
    }

    /** The "service": whoever the context says. */
    static String handle(String user) {
        authenticate(user);
        String who = CURRENT_USER.get();
        return DATES.get().format(new Date(0)) + " served " + (who == null ? "anonymous" : who);
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // alice and bob arrive together (one per thread), then two anonymous requests arrive together
        System.out.println(String.join("\n", runTogether(pool, "alice", "bob")));
        System.out.println(String.join("\n", runTogether(pool, null, null)).replaceAll("served (alice|bob)",
                "served a previous user"));
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    /** Runs one request per pool thread at the same time (a latch keeps each thread busy until both started). */
    private static List<String> runTogether(ExecutorService pool, String first, String second) throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        List<Future<String>> results = new ArrayList<>();
        for (String user : new String[] {first, second}) {
            results.add(pool.submit(() -> {
                started.countDown();
                started.await();
                return handle(user);
            }));
        }
        List<String> lines = new ArrayList<>();
        for (Future<String> result : results) {
            lines.add(result.get());
        }
        return lines;
    }
}
