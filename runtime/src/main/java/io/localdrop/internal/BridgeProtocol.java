package io.localdrop.internal;

/**
 * The bridge protocol, written once: the name of {@code java.lang.LocaldropBridge} (the one class that patched JDK
 * code and every agent feature call), its event codes and its method names.
 *
 * <p>Three parties use it: the agent (which defines the bridge, patches JDK classes to call it and registers its
 * features), every copy of the runtime (which finds the bridge by name and registers a handler), and the bridge's
 * source, {@code io.localdrop.agent.bridge.LocaldropBridgeTemplate}. The template runs in the bootstrap loader and
 * cannot link to this class; it may use these constants all the same because they are compile-time constants,
 * which javac copies into the class that reads them (a test checks the bridge's class file names no
 * {@code io/localdrop} class). So this class holds nothing but such constants, and the static helpers for the
 * cleanup tally below, which only the runtime and the agent call.
 *
 * <p>Events reach every handler on the thread concerned. Codes 0 and 1 concern owned keys and enforce's closing;
 * 2 to 5 are diagnose's (and enforce's {@code clearAfterTask}) task boundaries; the runtime ignores those.
 *
 * <p><b>What a cleanup did.</b> A handler (a runtime copy's or a feature's) registered as an {@code IntConsumer} may
 * also implement {@code IntUnaryOperator}: the bridge then calls {@code applyAsInt(event)} instead of
 * {@code accept(event)}, and for {@link #THREAD_EXIT} and {@link #LOCALS_WIPE} the int it returns is a <i>tally</i>
 * of what it destroyed or closed: the count in the low {@link #TALLY_ROUNDS_SHIFT} bits (saturated at
 * {@link #TALLY_COUNT_MASK}), the rounds (generations) above. Both directions stay compatible: an older bridge calls
 * {@code accept} (the tally is not wanted), and an older handler, a plain IntConsumer, counts as 0. The bridge adds
 * the runtimes' tallies (owned keys destroyed) and the features' (plain values closed) separately, across every copy
 * and both rounds, and hands them to the cleanup observer ({@link #SET_CLEANUP_OBSERVER_METHOD}) as one long
 * ({@link #cleanupOf}). Ints and a long: nothing is allocated per exit. The static methods below are for the runtime
 * and the agent; the bridge's source may not call them (it would link to this class) and does the same arithmetic
 * with the constants.
 */
public final class BridgeProtocol {
    /** The bridge's binary name: defined by the agent into {@code java.lang}, so the bootstrap loader owns it. */
    public static final String CLASS_NAME = "java.lang.LocaldropBridge";
    /** The same name in the class-file form that patched bytecode refers to. */
    public static final String INTERNAL_NAME = "java/lang/LocaldropBridge";

    /**
     * The current thread is exiting (platform threads in {@code Thread.exit}, virtual threads at the end of their run).
     * Sent only to threads that have a ThreadLocal map: a thread that never used a ThreadLocal has nothing to destroy.
     * Agent features get it only when something besides the runtimes' state is left after the runtimes' pass.
     */
    public static final int THREAD_EXIT = 0;
    /** The current thread lives on, but the JDK is about to erase its ThreadLocal maps (ForkJoin and innocuous threads). */
    public static final int LOCALS_WIPE = 1;
    /** A task starts on the current thread (ThreadPoolExecutor, Tomcat, Jetty, taskBoundary methods). */
    public static final int TASK_START = 2;
    /** That task ended. */
    public static final int TASK_END = 3;
    /**
     * A ForkJoinTask starts executing ({@code ForkJoinTask.doExec}). A code of its own because doExec also runs on
     * threads that are not pool workers (a caller of {@code invoke()} helping): only workers treat it as a task.
     */
    public static final int FORK_JOIN_START = 4;
    /** That ForkJoinTask ended. */
    public static final int FORK_JOIN_END = 5;
    /**
     * One request's handling starts (a server's request entry point, a {@code taskBoundary} method): a task of
     * its own even inside a pool's task.
     */
    public static final int REQUEST_START = 6;
    /** That request's handling ended on this thread. */
    public static final int REQUEST_END = 7;
    /**
     * A task starts in a pool's own worker loop, whose code between two tasks is the pool's and never the application's
     * ({@code ThreadPoolExecutor.runWorker}, Tomcat's copy of it): a TASK_START for everything else, ended by
     * TASK_END; the detectors need not look at what the thread did since its last task.
     */
    public static final int WORKER_TASK_START = 8;

    /** {@code static void onThreadEvent(int)}: what patched code calls with one of the codes above. Never throws. */
    public static final String EVENT_METHOD = "onThreadEvent";
    public static final String EVENT_DESCRIPTOR = "(I)V";
    /** Replaces a worker loop's {@code task.run()}: TASK_START, the task, TASK_END (also when it throws). */
    public static final String RUN_TASK_METHOD = "runTask";
    public static final String RUN_TASK_DESCRIPTOR = "(Ljava/lang/Runnable;)V";
    /**
     * {@code static void beforeErase(Thread)}: placed at the entry of the JDK's methods that erase a thread's
     * ThreadLocal maps given the thread ({@code ThreadLocalRandom.eraseThreadLocals(Thread)},
     * {@code InnocuousThread.eraseThreadLocals()}); sends {@link #LOCALS_WIPE} when that thread is the current one.
     */
    public static final String ERASE_METHOD = "beforeErase";
    public static final String ERASE_DESCRIPTOR = "(Ljava/lang/Thread;)V";
    /** {@code static void exitThenPopAll()}: replaces {@code StackableScope.popAll()} in {@code VirtualThread.run}. */
    public static final String EXIT_THEN_POP_ALL_METHOD = "exitThenPopAll";

    /** {@code static void addHandler(IntConsumer)}: a runtime copy's handler. */
    public static final String ADD_HANDLER_METHOD = "addHandler";
    /** {@code static void addLateHandler(IntConsumer)}: an agent feature's handler, called after every runtime's. */
    public static final String ADD_LATE_HANDLER_METHOD = "addLateHandler";
    /** {@code static boolean hooksInstalled()}. */
    public static final String HOOKS_INSTALLED_METHOD = "hooksInstalled";
    /** {@code static void markHooksInstalled()}. */
    public static final String MARK_HOOKS_INSTALLED_METHOD = "markHooksInstalled";
    /** {@code static void recordFailure(String where, String type)}: a failure the bridge or a runtime copy swallowed. */
    public static final String RECORD_FAILURE_METHOD = "recordFailure";
    /** {@code static long failureCount()}: how many failures were recorded. */
    public static final String FAILURE_COUNT_METHOD = "failureCount";
    /** {@code static String[] failures()}: the recorded failures' "where: type", the last ones, oldest first. */
    public static final String FAILURES_METHOD = "failures";
    /**
     * {@code static long quietExits()}: how many thread exits reached no agent feature: the thread never had a
     * ThreadLocal map, or once the runtimes destroyed its keys its maps held nothing but runtime state (cells, the
     * thread record) and the agent's own idle state. Nothing to report or close there; diagnose counts them.
     */
    public static final String QUIET_EXITS_METHOD = "quietExits";
    /**
     * {@code static void addRuntimeLocals(Class<?> cellClass, ThreadLocal<?> recordLocal)}: a runtime copy's own
     * ThreadLocals (its key cells' class, its thread records' ThreadLocal), so that the bridge can tell them apart.
     */
    public static final String ADD_RUNTIME_LOCALS_METHOD = "addRuntimeLocals";
    /**
     * {@code static void setOwnLocal(ThreadLocal, Predicate<Object>)}: the agent's own ThreadLocal and when its value
     * is idle; a wipe of maps that hold nothing else sends no event.
     */
    public static final String SET_OWN_LOCAL_METHOD = "setOwnLocal";
    /** {@code static void setReportSource(Supplier<String>)} and {@code static String report()}: the live report. */
    public static final String SET_REPORT_SOURCE_METHOD = "setReportSource";
    public static final String REPORT_METHOD = "report";
    /**
     * {@code static String afterApplicationHooks(Runnable)}: registers the diagnose report's last word in a system
     * shutdown-hook slot of {@code java.lang.Shutdown}, after the application's hooks; null when registered, else why not.
     */
    public static final String AFTER_APPLICATION_HOOKS_METHOD = "afterApplicationHooks";

    /**
     * {@code static void setCleanupObserver(IntFunction<Object> begin, ObjLongConsumer<Object> end)}: the agent's
     * observer of cleanups (its JFR event). At every {@link #THREAD_EXIT} and {@link #LOCALS_WIPE} that reaches the
     * handlers, {@code begin.apply(event)} before the first handler returns a started token, or null when nobody
     * wants one (no recording); after the last handler, when the token is not null and something was destroyed or
     * closed, {@code end.accept(token, cleanup)} with the {@link #cleanupOf} of the tallies.
     */
    public static final String SET_CLEANUP_OBSERVER_METHOD = "setCleanupObserver";
    /** Bits of a tally below its rounds: the count (owned keys destroyed, or values closed). */
    public static final int TALLY_ROUNDS_SHIFT = 24;
    /** The largest count a tally holds; a larger one is saturated to it. */
    public static final int TALLY_COUNT_MASK = (1 << TALLY_ROUNDS_SHIFT) - 1;
    /** Bits of a cleanup (a long) below the features' tally: the runtimes' tally. */
    public static final int CLEANUP_CLOSED_SHIFT = 32;

    /**
     * A system property, set (to {@link #CLASS_NAME}) by the agent once the bridge is defined and left set: a runtime
     * copy that looked for the bridge before a late {@code Localdrop.install()} reads it (cheaply) to know it should
     * look again.
     */
    public static final String DEFINED_PROPERTY = "localdrop.bridge";
    /**
     * The one-shot hand-off by which the agent marks the hooks installed when it initializes the bridge at JVM
     * start (the bridge's static initializer takes the property away). A String value: system properties must only
     * hold Strings, or a concurrent {@code Properties.store} throws.
     */
    public static final String INSTALLED_MARK = "localdrop.bridge.hooksInstalled";

    private BridgeProtocol() {
    }

    /** A handler's tally: {@code count} (saturated) and {@code rounds} (0 to 127). */
    public static int tally(int count, int rounds) {
        return Math.min(Math.max(count, 0), TALLY_COUNT_MASK) | (Math.min(Math.max(rounds, 0), 127) << TALLY_ROUNDS_SHIFT);
    }

    /** The count of a tally. */
    public static int tallyCount(int tally) {
        return tally & TALLY_COUNT_MASK;
    }

    /** The rounds of a tally. */
    public static int tallyRounds(int tally) {
        return tally >>> TALLY_ROUNDS_SHIFT;
    }

    /** What the bridge hands the cleanup observer: the runtimes' tally (owned keys) and the features' (values closed). */
    public static long cleanupOf(int ownedKeysTally, int valuesClosedTally) {
        return (ownedKeysTally & 0xFFFF_FFFFL) | ((long) valuesClosedTally << CLEANUP_CLOSED_SHIFT);
    }

    /** The runtimes' tally of a cleanup: owned keys destroyed, and their rounds. */
    public static int ownedKeysTally(long cleanup) {
        return (int) cleanup;
    }

    /** The features' tally of a cleanup: plain values closed, and their rounds. */
    public static int valuesClosedTally(long cleanup) {
        return (int) (cleanup >>> CLEANUP_CLOSED_SHIFT);
    }
}
