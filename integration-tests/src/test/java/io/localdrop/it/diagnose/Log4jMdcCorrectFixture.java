package io.localdrop.it.diagnose;

import org.apache.logging.log4j.ThreadContext;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * log4j2's MDC (ThreadContext) used correctly on pooled tasks: each request puts its id and takes it out again before
 * it ends, by {@code remove(key)} in even rounds and {@code clearMap()} in odd ones. {@code remove} of the last key
 * leaves log4j's shared empty state in the ThreadLocal (2.24 on: an array-backed map's one empty array), which a
 * later task reads at its first {@code get}: no request's data. Prints how many reads saw another request's id (0).
 */
public final class Log4jMdcCorrectFixture {
    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int stale = 0;
        for (int round = 0; round < 6; round++) {
            boolean byKey = round % 2 == 0;
            List<Boolean> saw = OnEachThread.run(pool, 2, () -> {
                boolean before = ThreadContext.get("requestId") != null; // mdc-correct-get
                ThreadContext.put("requestId", "req-" + Thread.currentThread().getName());
                try {
                    return before;
                } finally {
                    if (byKey) {
                        ThreadContext.remove("requestId");
                    } else {
                        ThreadContext.clearMap();
                    }
                }
            });
            for (boolean seen : saw) {
                stale += seen ? 1 : 0;
            }
        }
        System.out.println("stale reads: " + stale);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
}
