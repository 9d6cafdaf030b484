package io.localdrop.agent.findings;

/** Reports AutoCloseable values still held by an exiting thread, attributed to this thread's store of each. */
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
        if (!OwnThreadLocals.skipped(threadLocal)) {
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
