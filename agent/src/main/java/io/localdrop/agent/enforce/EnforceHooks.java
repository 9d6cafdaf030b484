package io.localdrop.agent.enforce;

import io.localdrop.AccessError;
import io.localdrop.KeyState;
import io.localdrop.agent.findings.ThreadLocalMapReader;
import io.localdrop.agent.health.InternalErrors;

import java.util.function.Supplier;

/**
 * What rewritten application code calls under {@code mode=enforce}: the slow path of the rewritten get and set
 * (rules 5 and 6 of docs/runtime-rules.md applied to plain ThreadLocals), the store-order records, and the replacement
 * of {@code ThreadLocal.withInitial}. Public because application classes call it.
 *
 * <p>Only {@link AccessError} ever leaves these methods, and only on purpose; the agent's own bookkeeping
 * never throws into the application.
 */
public final class EnforceHooks {
    private EnforceHooks() {
    }

    /**
     * Before a rewritten {@code get}, taken only while some thread is closing values ({@link EnforceGate#closing}).
     *
     * @throws AccessError if this thread is closing the ThreadLocal's value now (DESTROYING) or closed it in this
     *     exit (DESTROYED): the get would otherwise run initialValue again, or hand out a closed value
     */
    public static void beforeGet(ThreadLocal<?> threadLocal, int site) {
        EnforceState state = EnforceState.current();
        if (state != null && state.closing) {
            check(state, threadLocal, site);
        }
    }

    /**
     * Before a rewritten {@code set}: the same check as {@link #beforeGet} while this thread closes values, then the
     * store order ("last stored, first closed"), which clearAfterTask also follows.
     */
    public static void beforeSet(ThreadLocal<?> threadLocal, Object value, int site) {
        if (EnforceGate.closing != 0) {
            checkWhileClosing(threadLocal, site);
        }
        if (!EnforceGate.CLEAR_AFTER_TASK) {
            // the common cases, nearly free: a value that is no AutoCloseable (PlainValueClasses.plain); or this
            // thread's latest recorded store again (only AutoCloseable values are recorded)
            if (value == null || PlainValueClasses.plain(value, site)
                    || RepeatedStores.repeats(site, ThreadLocalMapReader.hashOf(threadLocal), value)) {
                return;
            }
        }
        recordStore(threadLocal, value, site);
    }

    private static void checkWhileClosing(ThreadLocal<?> threadLocal, int site) {
        try {
            EnforceState state = EnforceState.current();
            if (state != null && state.closing) {
                check(state, threadLocal, site);
            }
        } catch (AccessError denied) {
            throw denied;
        } catch (Throwable failed) {
            InternalErrors.record("enforce: before a ThreadLocal.set", failed); // never into the application
        }
    }

    /** A set whose value may need ordering: AutoCloseable ones (and, with clearAfterTask, every one) are recorded. */
    private static void recordStore(ThreadLocal<?> threadLocal, Object value, int site) {
        try {
            if (!(value instanceof AutoCloseable)) {
                if (value != null) {
                    PlainValueClasses.remember(value.getClass(), site);
                }
                if (!EnforceGate.CLEAR_AFTER_TASK) {
                    return; // only AutoCloseable values need a closing order; clearAfterTask needs every set
                }
            }
            int hash = ThreadLocalMapReader.hashOf(threadLocal);
            if (RepeatedStores.repeats(site, hash, value)) {
                return; // this thread's latest store again: already last in the order
            }
            EnforceState state = EnforceState.currentOrNew();
            state.order.stored(hash, value, StoreOrder.FROM_SET);
            RepeatedStores.remember(site, state);
        } catch (Throwable failed) {
            InternalErrors.record("enforce: before a ThreadLocal.set", failed); // never into the application
        }
    }

    /**
     * Called with the value an initialValue (an overriding subclass's, or a withInitial supplier's) just produced:
     * records its store order when it is AutoCloseable. Returns the value unchanged.
     */
    public static Object initialized(Object value, ThreadLocal<?> threadLocal) {
        if (value instanceof AutoCloseable) {
            try {
                EnforceState.currentOrNew().order.stored(ThreadLocalMapReader.hashOf(threadLocal), value,
                        StoreOrder.FROM_INITIAL);
            } catch (Throwable failed) {
                InternalErrors.record("enforce: after an initialValue", failed); // never into the application
            }
        }
        return value;
    }

    /** Replaces {@code ThreadLocal.withInitial(supplier)} in rewritten code: same result, initial values seen born. */
    public static <S> ThreadLocal<S> withInitial(Supplier<? extends S> supplier) {
        if (supplier == null) {
            return ThreadLocal.withInitial(supplier); // the JDK's own NullPointerException
        }
        OrderedSupplier<S> ordered = new OrderedSupplier<>(supplier);
        ThreadLocal<S> threadLocal = ThreadLocal.withInitial(ordered);
        ordered.threadLocal = threadLocal;
        return threadLocal;
    }

    private static void check(EnforceState state, ThreadLocal<?> threadLocal, int site) {
        byte status;
        int hash;
        try {
            hash = ThreadLocalMapReader.hashOf(threadLocal);
            status = state.order.status(hash);
            if (status == StoreOrder.ALIVE) {
                // a ThreadLocal used by a close(): remembered to name the site if its value is leaked (REINIT_LEAK)
                state.order.exitSite(hash, site);
                return;
            }
        } catch (Throwable failed) {
            InternalErrors.record("enforce: checking a ThreadLocal being closed", failed); // the access goes on
            return;
        }
        throw new AccessError(TlNames.name(threadLocal),
                status == StoreOrder.CLOSING ? KeyState.DESTROYING : KeyState.DESTROYED);
    }
}
