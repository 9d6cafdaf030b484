package io.localdrop.agent.bridge;

import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * The source of {@code java.lang.LocaldropBridge}, the only class that instrumented JDK code calls.
 *
 * <p><b>Which loader defines it, and why.</b> The agent renames this class to {@code java/lang/LocaldropBridge}
 * and defines it with a private lookup in {@code java.lang.Thread}: the bootstrap loader then owns it, in
 * module {@code java.base}, so {@code Thread}, {@code VirtualThread} and {@code ForkJoinWorkerThread} can link
 * to it, and so can every copy of the runtime in any class loader (they find it with
 * {@code Class.forName("java.lang.LocaldropBridge", false, null)}). Putting the agent jar on the bootstrap
 * search path instead would also work, but turns off part of class data sharing and costs start-up time.
 * One bridge per JVM, many handlers: that is what prevents a split brain when an application loads its own
 * copy of the runtime.
 *
 * <p><b>Rules for this source</b> (the renaming only rewrites class names): JDK types only; no lambdas, inner
 * or nested classes, no references to other agent classes except {@link StackableScopeStandIn}, which is
 * renamed to {@code jdk.internal.vm.StackableScope}; and no method may throw, since
 * an exception thrown into {@code Thread.exit()} breaks the JVM's thread bookkeeping. The one deliberate way
 * out is the runtime's abort policy, which halts the JVM from inside a handler.
 *
 * <p>Events: {@code 0} the current thread exits ({@code Thread.exit}, end of {@code VirtualThread.run});
 * {@code 1} the current thread's ThreadLocals are about to be wiped while it lives on
 * ({@code ForkJoinWorkerThread.resetThreadLocals}, JDK 25). Features may use further codes.
 * Diagnose's task boundaries (io.localdrop.agent.tasks.TaskEvents): {@code 2}/{@code 3} task start/end, {@code 4}/{@code 5} ForkJoinTask start/end,
 * {@code 6}/{@code 7} request start/end.
 */
public final class LocaldropBridgeTemplate {
    private static final IntConsumer[] NONE = new IntConsumer[0];

    /** The runtimes' handlers, in registration order (copy-on-write under the class lock). */
    private static volatile IntConsumer[] handlers = NONE;
    /** The agent features' handlers: called after every runtime's, whenever the runtime registered. */
    private static volatile IntConsumer[] lateHandlers = NONE;
    private static volatile boolean installed;
    private static volatile Supplier<String> reportSource;

    /** Key of the one-shot hand-off by which the agent marks the hooks installed when it initializes this class. */
    private static final String INSTALLED_MARK = "localdrop.bridge.hooksInstalled";

    static {
        // The agent defines this class uninitialized and initializes it once the JDK's thread classes are patched,
        // with a non-string mark in the system properties (invisible to getProperty) that this takes away: that is
        // how it says "hooks installed" without calling in through reflection or a method handle, which costs
        // milliseconds of JVM start-up (JDK 25 spins lambda forms for either). Initialized any other way, the
        // class finds no mark and the hooks count as not installed until markHooksInstalled() is called.
        installed = System.getProperties().remove(INSTALLED_MARK) != null;
    }

    private LocaldropBridgeTemplate() {
    }

    /** Registers a runtime's handler (each copy of the runtime registers one). Null is ignored. */
    public static synchronized void addHandler(IntConsumer handler) {
        if (handler != null) {
            handlers = append(handlers, handler);
        }
    }

    /** Registers an agent feature's handler: called after all runtime handlers (owned keys are destroyed first). */
    public static synchronized void addLateHandler(IntConsumer handler) {
        if (handler != null) {
            lateHandlers = append(lateHandlers, handler);
        }
    }

    private static IntConsumer[] append(IntConsumer[] current, IntConsumer handler) {
        IntConsumer[] grown = new IntConsumer[current.length + 1];
        System.arraycopy(current, 0, grown, 0, current.length);
        grown[current.length] = handler;
        return grown;
    }

    /** True once the agent has transformed the JDK's thread classes. */
    public static boolean hooksInstalled() {
        return installed;
    }

    /** Says the hooks are installed (initializing this class does it too: see the static initializer). */
    public static void markHooksInstalled() {
        installed = true;
    }

    /** Called by the instrumented JDK code on the thread concerned. Never throws. */
    public static void onThreadEvent(int event) {
        dispatch(handlers, event);
        dispatch(lateHandlers, event);
    }

    private static void dispatch(IntConsumer[] current, int event) {
        for (int i = 0; i < current.length; i++) {
            try {
                current[i].accept(event);
            } catch (Throwable ignored) {
                // never into the JDK: a failing handler must not stop the others, nor the thread's exit
            }
        }
    }

    /**
     * Replaces a worker loop's {@code task.run()} (io.localdrop.agent.tasks.WorkerLoops): the task runs as it
     * would, the same object, on the same thread, between a task start (2) and a task end (3) that is also reached
     * when it throws. What it throws propagates unchanged; the one visible trace is this frame in stack traces.
     */
    public static void runTask(Runnable task) {
        onThreadEvent(2);
        try {
            task.run();
        } finally {
            onThreadEvent(3);
        }
    }

    /**
     * Replaces {@code StackableScope.popAll()} in {@code VirtualThread.run(Runnable)} (JDK 21+): the virtual
     * thread's exit hook, then the scope pop the JDK was about to do. A same-length call replaced by another
     * means the JDK's method needs no other change. Exceptions of {@code popAll} propagate as before.
     */
    public static void exitThenPopAll() {
        onThreadEvent(0);
        StackableScopeStandIn.popAll();
    }

    /** Publishes the live JSON report (the diagnose feature); read back through {@link #report()}. */
    public static void setReportSource(Supplier<String> source) {
        reportSource = source;
    }

    /** The live report, or null when there is none or it cannot be produced. Never throws. */
    public static String report() {
        Supplier<String> source = reportSource;
        if (source == null) {
            return null;
        }
        try {
            return source.get();
        } catch (Throwable failed) {
            return null;
        }
    }
}
