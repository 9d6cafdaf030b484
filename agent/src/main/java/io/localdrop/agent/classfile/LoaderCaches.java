package io.localdrop.agent.classfile;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers about classes by internal name, one bounded map per class loader: the same name means another class in
 * another loader. A loader is referred to weakly and compared by identity (never by its {@code equals}); the map of a
 * collected loader is dropped at the next lookup. A map that reaches {@link #MAX_PER_LOADER} entries is cleared
 * rather than grown: an answer is cheap to compute again, memory that grows with a class path is not.
 *
 * <p>Thread-safe. The loader list is short (one entry per loader that loaded a class the agent asked about), so it
 * is a list searched under a lock rather than a map keyed by loaders.
 */
public final class LoaderCaches {
    public static final int MAX_PER_LOADER = 1 << 16;

    private final List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
    private final List<ConcurrentHashMap<String, Byte>> caches = new ArrayList<>();

    /** The answers cached for {@code loader} (null: the bootstrap loader), created empty when there are none. */
    public synchronized ConcurrentHashMap<String, Byte> of(ClassLoader loader) {
        for (int i = loaders.size() - 1; i >= 0; i--) {
            ClassLoader known = loaders.get(i).get();
            if (known == null && loader != null) {
                loaders.remove(i);
                caches.remove(i);
            } else if (known == loader) {
                return caches.get(i);
            }
        }
        ConcurrentHashMap<String, Byte> cache = new ConcurrentHashMap<>();
        loaders.add(new WeakReference<>(loader));
        caches.add(cache);
        return cache;
    }

    /** Records {@code answer} for {@code name} in {@code cache}, clearing the cache first when it is full. */
    public static void put(ConcurrentHashMap<String, Byte> cache, String name, byte answer) {
        if (cache.size() >= MAX_PER_LOADER) {
            cache.clear();
        }
        cache.put(name, answer);
    }
}
