package io.localdrop.it.diagnose;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A Netty-like per-thread map made lazily ({@code get() == null -> set(new ...)}) and reused by the same code on
 * every later task: a cache. {@code leaky}: the request code also parks the user in it, and another class reads
 * it back in the next request on that thread.
 */
public final class LazyScratchFixture {
    public static void main(String[] args) throws Exception {
        boolean leaky = args.length > 0 && args[0].equals("leaky");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int stale = 0;
        for (int round = 0; round < 4; round++) {
            int r = round;
            List<Boolean> results = OnEachThread.run(pool, 2, () -> {
                if (leaky && r == 1) {
                    return Peeker.peek();
                }
                ScratchMap map = ScratchMap.get();
                map.index++;
                if (leaky) {
                    map.user = "user-" + r;
                }
                return false;
            });
            for (boolean b : results) {
                stale += b ? 1 : 0;
            }
        }
        System.out.println("stale users seen: " + stale);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    static final class ScratchMap {
        static final ThreadLocal<ScratchMap> SLOW = new ThreadLocal<>(); // scratch-created
        int index;
        String user;

        static ScratchMap get() {
            ScratchMap map = SLOW.get();
            if (map == null) {
                map = new ScratchMap();
                SLOW.set(map); // scratch-set
            }
            return map;
        }
    }

    static final class Peeker {
        static boolean peek() {
            ScratchMap map = ScratchMap.SLOW.get(); // scratch-foreign-read
            return map != null && map.user != null;
        }
    }
}
