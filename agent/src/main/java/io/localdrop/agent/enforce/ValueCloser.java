package io.localdrop.agent.enforce;

import io.localdrop.agent.findings.FindingKind;
import io.localdrop.agent.findings.Findings;
import io.localdrop.agent.findings.ThreadLocalMapReader;
import io.localdrop.agent.findings.TlInfo;
import io.localdrop.agent.findings.TlRegistry;
import io.localdrop.agent.health.InternalErrors;
import io.localdrop.internal.FailurePolicy;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Takes one value out of its ThreadLocal and closes it, the way the runtime destroys an owned key: the entry is
 * removed first (as Rust marks a key Destroyed before dropping it, so code the agent cannot intercept re-runs
 * initialValue and the exit loop sees a new value, not the one being closed), the ThreadLocal is CLOSING while
 * {@code close()} runs (rewritten access throws AccessError), and a failure goes through the runtime's
 * {@link FailurePolicy}: the same fatal message and exit status 134 as an owned key, or under
 * {@code onDestructorFailure=log} its warning and a DESTRUCTOR_FAILED finding.
 */
final class ValueCloser {
    private ValueCloser() {
    }

    /**
     * Removes {@code value} from {@code threadLocal} (if it still holds it) and closes it when it is AutoCloseable.
     *
     * @param after the ThreadLocal's status once done: CLOSED at an exit, ALIVE after a task-end clear or a wipe
     */
    static void closeOne(EnforceState state, ThreadLocal<?> threadLocal, Object value, byte after) {
        closeOne(state, threadLocal, value, after, true);
    }

    /** {@link #closeOne(EnforceState, ThreadLocal, Object, byte)}, the close left out when {@code close} is false. */
    static void closeOne(EnforceState state, ThreadLocal<?> threadLocal, Object value, byte after, boolean close) {
        int hash = ThreadLocalMapReader.hashOf(threadLocal);
        state.order.status(hash, StoreOrder.CLOSING);
        try {
            if (Batch.currentValue(threadLocal) == value) {
                remove(threadLocal);
            }
            if (close && value instanceof AutoCloseable) {
                try {
                    ((AutoCloseable) value).close();
                } catch (Throwable failure) {
                    state.reportingClose = true;
                    try {
                        FailurePolicy.destructorFailed(TlNames.name(threadLocal), failure); // halts under abort
                    } finally {
                        state.reportingClose = false;
                    }
                    recordFailure(threadLocal, value);
                }
            }
        } finally {
            state.order.status(hash, after);
        }
    }

    private static void recordFailure(ThreadLocal<?> threadLocal, Object value) {
        try {
            TlInfo info = TlRegistry.find(threadLocal);
            Findings.record(FindingKind.DESTRUCTOR_FAILED, info, threadLocal, info == null ? -1 : info.lastSetSite, -1,
                    value, null);
        } catch (Throwable failed) {
            // the close failure was printed already; the report loses its DESTRUCTOR_FAILED line, and says so here
            InternalErrors.record("enforce: recording a failed close", failed);
        }
    }

    /**
     * {@code ThreadLocal.remove()} called non-virtually when possible: a subclass's override of remove is
     * application code the agent does not need to run to empty the entry.
     */
    private static void remove(ThreadLocal<?> threadLocal) {
        MethodHandle remove = Remover.REMOVE;
        if (remove != null) {
            try {
                remove.invokeExact(threadLocal);
                return;
            } catch (Throwable failed) {
                InternalErrors.record("enforce: removing a closed value", failed); // falls back to the virtual remove
            }
        }
        threadLocal.remove();
    }

    private static final class Remover {
        static final MethodHandle REMOVE;

        static {
            MethodHandle remove;
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(ThreadLocal.class, MethodHandles.lookup());
                remove = lookup.findSpecial(ThreadLocal.class, "remove", MethodType.methodType(void.class),
                        ThreadLocal.class).asType(MethodType.methodType(void.class, ThreadLocal.class));
            } catch (Throwable unavailable) {
                // java.lang not open to the agent: remove() is then called virtually (an override runs)
                InternalErrors.record("enforce: finding ThreadLocal.remove", unavailable);
                remove = null;
            }
            REMOVE = remove;
        }
    }
}
