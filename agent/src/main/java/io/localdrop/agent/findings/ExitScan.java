package io.localdrop.agent.findings;

/**
 * Reports AutoCloseable values still held by an exiting thread, attributed to this thread's store of each; not a value
 * the thread inherited from its creator ({@link Classifier#INHERITED}): that object is its creator's too, still in use
 * there, and mode=enforce does not close it either.
 */
final class ExitScan implements ThreadLocalMapReader.EntryVisitor {
    private final ThreadState state;
    boolean found;
    /**
     * The class of the last value found not AutoCloseable: a map of a hundred thousand values of one class (a
     * flood) tests instanceof once, not per value (a negative interface test scans the class's supers each time).
     */
    private Class<?> lastPlain;

    ExitScan(ThreadState state) {
        this.state = state;
    }

    /** Whether the thread's last snapshot (still there: the exit clears it after this scan) marks it inherited. */
    private boolean inherited(ThreadLocal<?> threadLocal, Object value) {
        if (state == null) {
            return false;
        }
        ThreadState.Snapshot last = state.last;
        int at = last.find(ThreadLocalMapReader.hashOf(threadLocal));
        return at >= 0 && last.rule[at] == Classifier.INHERITED && last.valueHash[at] == System.identityHashCode(value);
    }

    @Override
    public void entry(ThreadLocal<?> threadLocal, Object value) {
        Class<?> type = value.getClass();
        if (type == lastPlain) {
            return;
        }
        if (!(value instanceof AutoCloseable)) {
            lastPlain = type;
            return;
        }
        if (!OwnThreadLocals.skipped(threadLocal) && !inherited(threadLocal, value)) {
            found = true;
            TlInfo info = TlRegistry.find(threadLocal);
            int site = -1;
            Stacks.Captured stack = null;
            if (info != null) {
                int slot = state == null ? -1 : state.trail.findValue(info, System.identityHashCode(value));
                if (slot >= 0) {
                    site = state.trail.site(slot);
                    stack = state.trail.stack(slot);
                }
                if (site < 0) {
                    // the trail knew the value, not its store (or has no record): the store of an unrecorded value
                    site = info.storeWithoutRecord(state == null ? -1 : state.trail.droppedAt());
                }
            }
            Findings.record(FindingKind.EXIT_LEAK, info, threadLocal, site, -1, value, stack, null,
                    Classifier.NONE);
        }
    }
}
