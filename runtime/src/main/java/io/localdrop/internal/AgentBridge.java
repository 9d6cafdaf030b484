package io.localdrop.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.function.IntUnaryOperator;

/**
 * Connects this copy of the runtime to the agent's bridge, {@code java.lang.LocaldropBridge} (see
 * {@link BridgeProtocol}).
 *
 * <p>The JDK's thread-exit paths call the bridge, and the bridge calls every runtime copy that registered with
 * it: the agent's own, and any other copy an application loaded (its own localdrop-runtime jar, or one inside a
 * child-first web-application loader). That is how every copy's keys are destroyed at thread exit without a
 * split brain. The bridge's API uses JDK types only: {@code addHandler(IntConsumer)} (the handler gets the
 * events on the thread concerned), {@code hooksInstalled()}, and {@code recordFailure(String, String)}, where
 * this copy counts what it had to swallow so that the agent's report shows it.
 *
 * <p>A copy may look before the bridge exists (it is used before a later {@code Localdrop.install()}). It then
 * looks again whenever the agent's {@link BridgeProtocol#DEFINED_PROPERTY} mark appears: a property read, cheap
 * enough for every new thread record and every first value of a key on a thread.
 */
public final class AgentBridge {
    private static volatile MethodHandle hooksInstalled;
    private static volatile MethodHandle recordFailure;
    private static volatile boolean looked;
    /** Set when the agent's mark made this copy look again: once is enough (the mark is set after the bridge exists). */
    private static volatile boolean lookedAgainAfterMark;
    /** Hooks are never removed once installed, so a true answer is kept: every new thread record asks. */
    private static volatile boolean knownActive;
    /** Failures swallowed while no bridge could be told (counted here; the agent reads the bridge's count). */
    private static final AtomicLong UNREPORTED_FAILURES = new AtomicLong();

    private AgentBridge() {
    }

    /** True when the agent's thread-exit hooks are installed in this JVM. */
    public static boolean active() {
        if (knownActive) {
            return true;
        }
        if (!looked) {
            connect();
        } else if (hooksInstalled == null && !lookedAgainAfterMark && System.getProperty(BridgeProtocol.DEFINED_PROPERTY) != null) {
            lookedAgainAfterMark = true;
            connect();
        }
        MethodHandle installed = hooksInstalled;
        if (installed == null) {
            return false;
        }
        try {
            boolean active = (boolean) installed.invokeExact();
            if (active) {
                knownActive = true;
            }
            return active;
        } catch (Throwable unexpected) {
            recordFailure("runtime: asking the bridge whether hooks are installed", unexpected);
            return false;
        }
    }

    /**
     * Looks for the bridge and registers this copy's handler once. The agent calls it after defining the
     * bridge; other copies call it the first time they need to know, and again once the bridge appears. Never throws.
     */
    public static synchronized boolean connect() {
        try {
            return lookForBridge();
        } finally {
            // Set last: a thread that skips connect() because it sees looked == true must also see the handle.
            // Set first, a thread could see looked == true while another was still connecting, and create its
            // record as one without an exit hook (a false rule-12 warning when many threads start at once).
            looked = true;
        }
    }

    private static boolean lookForBridge() {
        if (hooksInstalled != null) {
            return true;
        }
        try {
            Class<?> bridge = Class.forName(BridgeProtocol.CLASS_NAME, false, null);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle add = lookup.findStatic(bridge, BridgeProtocol.ADD_HANDLER_METHOD,
                    MethodType.methodType(void.class, IntConsumer.class));
            MethodHandle installed = lookup.findStatic(bridge, BridgeProtocol.HOOKS_INSTALLED_METHOD, MethodType.methodType(boolean.class));
            recordFailure = failureRecorder(lookup, bridge);
            registerOwnLocals(lookup, bridge);
            add.invoke((IntConsumer) new Handler());
            hooksInstalled = installed;
            return true;
        } catch (ClassNotFoundException noAgent) {
            return false; // the normal answer without the agent: nothing failed
        } catch (Throwable broken) {
            System.err.println("localdrop: warning: cannot connect to " + BridgeProtocol.CLASS_NAME + ": " + broken);
            return false;
        }
    }

    /**
     * Tells the bridge which ThreadLocals are this copy's own (the key cells' class, the records' ThreadLocal), so that
     * a thread exit that leaves nothing else needs no agent feature. An older bridge has no such method: then the
     * features see every exit, as before.
     */
    private static void registerOwnLocals(MethodHandles.Lookup lookup, Class<?> bridge) throws Throwable {
        MethodHandle register;
        try {
            register = lookup.findStatic(bridge, BridgeProtocol.ADD_RUNTIME_LOCALS_METHOD,
                    MethodType.methodType(void.class, Class.class, ThreadLocal.class));
        } catch (NoSuchMethodException olderBridge) {
            return; // not a failure: an older agent's bridge runs every feature at every exit
        }
        register.invoke(KeyCell.class, ThreadRecord.recordLocal());
    }

    /** The bridge's failure recorder, or null for a bridge of an older agent that has none (this copy then counts here). */
    private static MethodHandle failureRecorder(MethodHandles.Lookup lookup, Class<?> bridge) throws IllegalAccessException {
        try {
            return lookup.findStatic(bridge, BridgeProtocol.RECORD_FAILURE_METHOD,
                    MethodType.methodType(void.class, String.class, String.class));
        } catch (NoSuchMethodException olderBridge) {
            return null; // not a failure: an older agent's bridge, which still destroys this copy's keys
        }
    }

    /**
     * Counts a failure this copy of the runtime caught and could not report otherwise: in the bridge, where the
     * agent reads it into its report, or here while there is no bridge. Calls nothing of the failure but
     * {@code getClass()}. Never throws.
     */
    static void recordFailure(String where, Throwable failure) {
        try {
            MethodHandle record = recordFailure;
            String type = failure == null ? "unknown" : failure.getClass().getName();
            if (record != null) {
                record.invokeExact(where, type);
                return;
            }
        } catch (Throwable cannotTell) {
            // counted below: the bridge itself could not take it
        }
        UNREPORTED_FAILURES.incrementAndGet();
    }

    /** Failures counted while no bridge could be told (tests; without the agent nobody reads them). */
    static long unreportedFailures() {
        return UNREPORTED_FAILURES.get();
    }

    /**
     * A named class rather than a lambda: no invokedynamic bootstrap on the agent's start-up path. An IntConsumer for
     * every bridge, and an IntUnaryOperator for a bridge that wants the tally of what the exit destroyed (see
     * {@link BridgeProtocol}): the count the agent's ThreadCleanup event reports, which the agent could not see
     * otherwise (it cannot link to this copy's classes). Returned, not stored: nothing per exit, and any number of
     * runtime copies each hand back their own.
     */
    private static final class Handler implements IntConsumer, IntUnaryOperator {
        @Override
        public void accept(int event) {
            onThreadEvent(event);
        }

        @Override
        public int applyAsInt(int event) {
            return onThreadEvent(event);
        }
    }

    /**
     * Called by the bridge on the thread concerned, for every event the bridge carries (the agent's
     * features use more codes, such as task boundaries): only thread exit and the ThreadLocal wipe concern
     * owned keys. Never throws, except through the abort policy.
     *
     * @return the {@link BridgeProtocol#tally} of the keys destroyed (0 for other events, or when nothing was)
     */
    static int onThreadEvent(int event) {
        if (event != BridgeProtocol.THREAD_EXIT && event != BridgeProtocol.LOCALS_WIPE) {
            return 0;
        }
        try {
            ThreadRecord record = ThreadRecord.existing();
            if (record != null) {
                return record.destroyAll(event == BridgeProtocol.THREAD_EXIT);
            }
        } catch (Throwable unexpected) {
            recordFailure("runtime: destruction at thread exit", unexpected);
            try {
                System.err.println("localdrop: warning: thread-exit destruction failed on thread '"
                        + Thread.currentThread().getName() + "': " + unexpected);
            } catch (Throwable cannotPrint) {
                // counted above; a dying thread's broken stderr leaves nothing more to do
            }
        }
        return 0;
    }
}
