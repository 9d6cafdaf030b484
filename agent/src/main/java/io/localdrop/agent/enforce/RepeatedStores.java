package io.localdrop.agent.enforce;

/**
 * Per rewritten set site, the store order of the thread whose AutoCloseable store there was recorded last: a set
 * that repeats that thread's latest store (the same value into the same ThreadLocal, as a connection re-set per
 * request on the same thread) changes nothing in the order, and is recognized here without the agent's own
 * {@code ThreadLocal.get} for the thread's state (which alone costs about what the set does).
 *
 * <p>The order names its thread by id ({@link StoreOrder#ownerId}: ids are never reused in a JVM), not by a
 * reference: the repeat test is then two short chains of loads (the site's slot and the order's fields; the current
 * thread and its id) instead of a third through a weak reference, about a nanosecond of a 5 ns set. Holds only the
 * agent's own per-thread records (no ThreadLocal, no value, no thread), at most one per site, replaced when another
 * thread stores there: a dead thread's record stays until then. Racy by design: another thread reading a slot only
 * compares the owner's id with its own, and a stale slot costs the slow path.
 */
final class RepeatedStores {
    /** Sites below this id have a slot (a fixed table, 256 KiB; later ones always take the slow path). */
    static final int SITES = PlainValueClasses.SITES;
    private static final StoreOrder[] BY_SITE = new StoreOrder[SITES];

    private RepeatedStores() {
    }

    /** Whether storing {@code value} into {@code tlHash} at {@code site} repeats this thread's latest recorded store. */
    @SuppressWarnings("deprecation") // Thread.getId: threadId() is JDK 19+; both read the same final id
    static boolean repeats(int site, int tlHash, Object value) {
        StoreOrder order;
        return site >= 0 && site < SITES && (order = BY_SITE[site]) != null
                && order.ownerId == Thread.currentThread().getId()
                && order.isLatest(tlHash, System.identityHashCode(value), StoreOrder.FROM_SET);
    }

    /** {@code state}'s thread just recorded a store at {@code site}. */
    static void remember(int site, EnforceState state) {
        if (site >= 0 && site < SITES && BY_SITE[site] != state.order) {
            BY_SITE[site] = state.order;
        }
    }
}
