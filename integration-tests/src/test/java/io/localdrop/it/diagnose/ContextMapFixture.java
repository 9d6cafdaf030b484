package io.localdrop.it.diagnose;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The leaky counterpart of {@link MapCacheFixture}: per-thread request-context maps in the two forms a memo cache takes
 * ({@code withInitial(HashMap::new)} and made lazily by {@code put}), written by {@code put} and read by {@code get},
 * as an MDC is. The first task on each thread signs a user in and forgets to remove it, so the map it made holds the
 * user at its end. Every later task is anonymous: it puts its tenant, reads the user (stale: the first task's),
 * and removes the tenant. Prints how many reads saw another task's user.
 */
public final class ContextMapFixture {
    static final ThreadLocal<Map<String, String>> BY_INITIAL = ThreadLocal.withInitial(HashMap::new);
    static final ThreadLocal<Map<String, String>> LAZILY = new ThreadLocal<>();

    static void putInitial(String key, String value) {
        BY_INITIAL.get().put(key, value); // initial-put
    }

    static String getInitial(String key) {
        return BY_INITIAL.get().get(key); // initial-get
    }

    static void removeInitial(String key) {
        BY_INITIAL.get().remove(key);
    }

    static void putLazily(String key, String value) {
        Map<String, String> map = LAZILY.get();
        if (map == null) {
            map = new HashMap<>();
            LAZILY.set(map); // lazy-put
        }
        map.put(key, value);
    }

    static String getLazily(String key) {
        Map<String, String> map = LAZILY.get(); // lazy-get
        return map == null ? null : map.get(key);
    }

    static void removeLazily(String key) {
        Map<String, String> map = LAZILY.get();
        if (map != null) {
            map.remove(key);
        }
    }

    /** The first task on a thread: signs in, and forgets to sign out. */
    static int signIn(String user) {
        putInitial("user", user);
        putLazily("user", user);
        return 0;
    }

    /** An anonymous task: its own tenant, put and removed; the user it reads should be nobody. */
    static int anonymous(String tenant) {
        putInitial("tenant", tenant);
        putLazily("tenant", tenant);
        try {
            return (getInitial("user") != null ? 1 : 0) + (getLazily("user") != null ? 1 : 0);
        } finally {
            removeInitial("tenant");
            removeLazily("tenant");
        }
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int stale = 0;
        for (int round = 0; round < 4; round++) {
            int r = round;
            List<Integer> seen = OnEachThread.run(pool, 2, () -> r == 0 ? signIn("alice") : anonymous("t" + r));
            for (int s : seen) {
                stale += s;
            }
        }
        System.out.println("stale reads: " + stale);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
}
