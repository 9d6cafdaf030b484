package io.localdrop.agent.enforce;

/**
 * Per rewritten set site, the enforce state of the thread whose AutoCloseable store there was recorded last: a set
 * that repeats that thread's latest store (the same value into the same ThreadLocal, as a connection re-set per
 * request on the same thread) changes nothing in the store order, and is recognized here without the agent's own
 * {@code ThreadLocal.get} for the thread's state (which alone costs about what the set does).
 *
 * <p>Holds only the agent's own per-thread records (no ThreadLocal, no value; the state refers to its thread weakly),
 * at most one per site, replaced when another thread stores there: a dead thread's record stays until then. Racy by
 * design: another thread reading a slot only compares its owner with itself, and a stale slot costs the slow path.
 */
final class RepeatedStores {
    /** Sites below this id have a slot (a fixed table, 256 KiB; later ones always take the slow path). */
    static final int SITES = PlainValueClasses.SITES;
    private static final EnforceState[] BY_SITE = new EnforceState[SITES];

    private RepeatedStores() {
    }

    /** Whether storing {@code value} into {@code tlHash} at {@code site} repeats this thread's latest recorded store. */
    static boolean repeats(int site, int tlHash, Object value) {
        EnforceState state;
        return site >= 0 && site < SITES && (state = BY_SITE[site]) != null
                && state.owner.refersTo(Thread.currentThread())
                && state.order.isLatest(tlHash, System.identityHashCode(value), StoreOrder.FROM_SET);
    }

    /** {@code state}'s thread just recorded a store at {@code site}. */
    static void remember(int site, EnforceState state) {
        if (site >= 0 && site < SITES && BY_SITE[site] != state) {
            BY_SITE[site] = state;
        }
    }
}
