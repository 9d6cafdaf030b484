package io.localdrop.agent.enforce;


/**
 * What enforce tracks for one thread: its {@link StoreOrder} and whether it
 * is closing values now or has finished its exit. Held in the agent's own ThreadLocal, which no scan closes and
 * which dies with its thread (or with a ForkJoin wipe: then the thread starts afresh, as it should).
 */
final class EnforceState {
    private static final ThreadLocal<EnforceState> CURRENT = io.localdrop.agent.findings.OwnThreadLocals.create();

    final StoreOrder order = new StoreOrder();
    /** Inside {@link ExitCloser} or {@link TaskCleaner} on this thread now. */
    boolean closing;
    /** The thread's final exit ran (JDK 17 may call Thread.exit up to three times). */
    boolean exited;
    /** A close() of enforce failed and is going through the failure policy (not an owned key's destructor). */
    boolean reportingClose;

    private EnforceState() {
    }

    static EnforceState current() {
        return CURRENT.get();
    }

    static EnforceState currentOrNew() {
        EnforceState state = CURRENT.get();
        if (state == null) {
            state = new EnforceState();
            CURRENT.set(state);
        }
        return state;
    }

    /** The agent's own ThreadLocal: never closed, never cleared by enforce. */
    static boolean isOwn(ThreadLocal<?> threadLocal) {
        return threadLocal == CURRENT;
    }
}
