package io.localdrop.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.function.IntConsumer;

/**
 * Connects this copy of the runtime to the agent's bridge, {@code java.lang.LocaldropBridge}.
 *
 * <p>The JDK's thread-exit paths call the bridge, and the bridge calls every runtime copy that
 * registered with it: the agent's own, and any other copy an application loaded (its own
 * localdrop-runtime jar, or one inside a child-first web-application loader). That is how every copy's
 * keys are destroyed at thread exit without a split brain. The bridge's API uses JDK types only:
 * <ul>
 *   <li>{@code static void addHandler(IntConsumer)}: the handler gets {@link #THREAD_EXIT} or
 *       {@link #LOCALS_WIPE}, on the thread concerned;</li>
 *   <li>{@code static boolean hooksInstalled()}: true once the agent's JDK hooks are in place.</li>
 * </ul>
 */
public final class AgentBridge {
    /** The bridge's binary name: defined by the agent into {@code java.lang}, so the bootstrap loader sees it. */
    public static final String BRIDGE_CLASS = "java.lang.LocaldropBridge";
    /** Event: the current thread is exiting (platform threads in Thread.exit, virtual threads at their end). */
    public static final int THREAD_EXIT = 0;
    /** Event: the current thread lives on but its ThreadLocals are about to be wiped (JDK 25 ForkJoin workers). */
    public static final int LOCALS_WIPE = 1;

    private static volatile MethodHandle hooksInstalled;
    private static volatile boolean looked;
    /** Hooks are never removed once installed, so a true answer is kept: every new thread record asks. */
    private static volatile boolean knownActive;

    private AgentBridge() {
    }

    /** True when the agent's thread-exit hooks are installed in this JVM. */
    public static boolean active() {
        if (knownActive) {
            return true;
        }
        if (!looked) {
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
            return false;
        }
    }

    /**
     * Looks for the bridge and registers this copy's handler once. The agent calls it after defining the
     * bridge; other copies call it the first time they need to know. Never throws.
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
            Class<?> bridge = Class.forName(BRIDGE_CLASS, false, null);
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            MethodHandle add = lookup.findStatic(bridge, "addHandler", MethodType.methodType(void.class, IntConsumer.class));
            add.invoke((IntConsumer) new Handler());
            hooksInstalled = lookup.findStatic(bridge, "hooksInstalled", MethodType.methodType(boolean.class));
            return true;
        } catch (ClassNotFoundException noAgent) {
            return false;
        } catch (Throwable broken) {
            System.err.println("localdrop: warning: cannot connect to " + BRIDGE_CLASS + ": " + broken);
            return false;
        }
    }

    /** A named class rather than a lambda: no invokedynamic bootstrap on the agent's start-up path. */
    private static final class Handler implements IntConsumer {
        @Override
        public void accept(int event) {
            onThreadEvent(event);
        }
    }

    /**
     * Called by the bridge on the thread concerned, for every event the bridge carries (the agent's
     * features use more codes, such as task boundaries): only thread exit and the ThreadLocal wipe concern
     * owned keys. Never throws, except through the abort policy.
     */
    static void onThreadEvent(int event) {
        if (event != THREAD_EXIT && event != LOCALS_WIPE) {
            return;
        }
        try {
            ThreadRecord record = ThreadRecord.existing();
            if (record != null) {
                record.destroyAll(event == THREAD_EXIT);
            }
        } catch (Throwable unexpected) {
            try {
                System.err.println("localdrop: warning: thread-exit destruction failed on thread '"
                        + Thread.currentThread().getName() + "': " + unexpected);
            } catch (Throwable ignored) {
                // nothing more can be done on a dying thread
            }
        }
    }
}
