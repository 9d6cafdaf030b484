package io.localdrop.it.diagnose;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Per-thread memo caches held in JDK maps, used correctly: compiled patterns by their text, one map made by an initial
 * value ({@code withInitial(HashMap::new)}) and one made lazily, each filled with {@code computeIfAbsent} by the first
 * task on a thread and read by every later one. Every task reads only what any task would have put there: no request's
 * data. Prints how many tasks got a pattern other than the one for the text they asked for (0).
 */
public final class MapCacheFixture {
    static final ThreadLocal<Map<String, Pattern>> BY_INITIAL = ThreadLocal.withInitial(HashMap::new);
    static final ThreadLocal<Map<String, Pattern>> LAZILY = new ThreadLocal<>();

    static Pattern initial(String regex) {
        return BY_INITIAL.get().computeIfAbsent(regex, Pattern::compile);
    }

    static Pattern lazy(String regex) {
        Map<String, Pattern> patterns = LAZILY.get();
        if (patterns == null) {
            patterns = new HashMap<>();
            LAZILY.set(patterns);
        }
        return patterns.computeIfAbsent(regex, Pattern::compile);
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        int wrong = 0;
        for (int round = 0; round < 4; round++) {
            List<Boolean> right = OnEachThread.run(pool, 2, () ->
                    initial("[a-z]+").pattern().equals("[a-z]+") && lazy("[0-9]+").pattern().equals("[0-9]+"));
            for (boolean ok : right) {
                wrong += ok ? 0 : 1;
            }
        }
        System.out.println("wrong patterns: " + wrong);
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }
}
