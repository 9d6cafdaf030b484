package io.localdrop.agent.enforce;

import java.lang.ref.WeakReference;

/**
 * Per rewritten set site, the class of the last value it stored that is not {@code AutoCloseable}, held weakly: the
 * rewritten set's test for "nothing to order" under enforce. A re-set at the same site with a value of the same
 * class (the usual case: a request context, a counter) is then two loads and an identity compare, instead of an
 * {@code instanceof AutoCloseable}, which on JDK 17 cost a negative scan of the class's secondary supers on every
 * set: measured 23 ns of a 25 ns rewritten set of a plain {@code Object} (EnforceSiteHookBenchmark, process CPU).
 *
 * <p>Weak, so that a class (and its loader: site ids are shared by the classes of a web application redeployed in
 * a new loader) is never kept alive by the agent. Racy by design: a stale or half-published slot only sends a set
 * through the {@code instanceof} once more. A site whose values alternate between classes keeps taking that path.
 */
final class PlainValueClasses {
    /**
     * Sites below this id have the memo (a fixed table, 256 KiB): static final and of a fixed length, so that with the
     * site id a constant of the rewritten call the JIT reads the slot at a constant address with no bounds check.
     * Later sites always take the {@code instanceof}.
     */
    static final int SITES = 1 << 16;
    @SuppressWarnings("unchecked")
    private static final WeakReference<Class<?>>[] BY_SITE = new WeakReference[SITES];

    /**
     * JDK 23 and later answer an interface test from a hashed table of each class's secondary supers
     * ({@code UseSecondarySupersTable}, on by default): a negative {@code instanceof AutoCloseable} is then a few
     * loads, cheaper than this memo's weak slot and the value's class mirror. Static final, so the JIT keeps one of
     * the two paths.
     */
    static final boolean CHEAP_INTERFACE_TEST = Runtime.version().feature() >= 23;

    private PlainValueClasses() {
    }

    /**
     * Whether a set at {@code site} of {@code value} (not null) certainly needs no store order: it is no
     * {@code AutoCloseable}. Answered by {@code instanceof} where that is cheap ({@link #CHEAP_INTERFACE_TEST}), else
     * by the memo ({@link #known}); false means "perhaps": the caller's slow path decides, and remembers.
     */
    static boolean plain(Object value, int site) {
        return CHEAP_INTERFACE_TEST ? !(value instanceof AutoCloseable) : known(value, site);
    }

    /** Whether {@code value}'s class is the one last seen not AutoCloseable at {@code site} (value not null). */
    static boolean known(Object value, int site) {
        WeakReference<Class<?>> last;
        return site >= 0 && site < SITES && (last = BY_SITE[site]) != null && last.refersTo(value.getClass());
    }

    /** Remembers {@code type} (not AutoCloseable) as the class {@code site} stores. */
    static void remember(Class<?> type, int site) {
        if (site >= 0 && site < SITES) {
            BY_SITE[site] = new WeakReference<>(type);
        }
    }
}
