package io.localdrop.agent.bridge;

import io.localdrop.internal.BridgeProtocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.Reference;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;
import java.util.function.ObjLongConsumer;
import java.util.function.Predicate;
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
 * renamed to {@code jdk.internal.vm.StackableScope}, {@link ShutdownStandIn}, renamed to {@code java.lang.Shutdown},
 * and {@link StableStandIn}, renamed to the JDK's {@code @Stable}; and no method may throw, since
 * an exception thrown into {@code Thread.exit()} breaks the JVM's thread bookkeeping. The one deliberate way
 * out is the runtime's abort policy, which halts the JVM from inside a handler.
 *
 * <p>The protocol (class name, event codes, method names) is {@link io.localdrop.internal.BridgeProtocol}: only its
 * compile-time constants are used here, which javac copies in, so the bridge links to nothing of the runtime.
 *
 * <p>Failures that the bridge swallows (a handler that threw, a report source that failed) and those that runtime
 * copies hand over through {@link #recordFailure} are counted here, where the agent reads them into its report
 * ({@code io.localdrop.agent.exit.BridgeFailures}): the bridge cannot see the agent's classes.
 */
public final class LocaldropBridgeTemplate {
    private static final IntConsumer[] NONE = new IntConsumer[0];

    /** The runtimes' handlers, in registration order (copy-on-write under the class lock). */
    private static volatile IntConsumer[] handlers = NONE;
    /** The agent features' handlers: called after every runtime's, whenever the runtime registered. */
    private static volatile IntConsumer[] lateHandlers = NONE;
    private static volatile boolean installed;
    private static volatile Supplier<String> reportSource;
    /** The agent's observer of cleanups (its JFR event): null until registered, then both set. */
    private static volatile IntFunction<Object> cleanupBegin;
    private static volatile ObjLongConsumer<Object> cleanupEnd;

    /** Failures swallowed here or handed over by runtime copies, and the last few of them ("where: type"). */
    private static final AtomicLong FAILURES = new AtomicLong();
    private static final int KEPT_FAILURES = 16;
    private static final String[] LAST_FAILURES = new String[KEPT_FAILURES];

    /**
     * Thread.threadLocals and inheritableThreadLocals, read through a private lookup; null until first needed, then
     * constants to the JIT ({@code @Stable}: see {@link StableStandIn} for why they are not set in the initializer).
     * A thread that sees null sets them again, to equal handles.
     */
    @StableStandIn
    private static VarHandle threadLocals;
    @StableStandIn
    private static VarHandle inheritableThreadLocals;
    /** True once reading the maps failed (or this class is not in java.lang, as in tests): every erase and exit is an event. */
    private static volatile boolean mapsUnreadable;

    private static final Class<?>[] NO_CLASSES = new Class<?>[0];
    private static final ThreadLocal<?>[] NO_LOCALS = new ThreadLocal<?>[0];
    /** Each registered runtime copy's key-cell class and thread-record ThreadLocal, in step (copy-on-write). */
    private static volatile Class<?>[] runtimeCellClasses = NO_CLASSES;
    private static volatile ThreadLocal<?>[] runtimeRecordLocals = NO_LOCALS;

    /** The agent's own ThreadLocal (diagnose's per-thread state), and when its value needs no wipe event. */
    private static volatile ThreadLocal<?> ownLocal;
    private static volatile Predicate<Object> ownValueIdle;
    /** ThreadLocalMap.table and .size, ThreadLocal.threadLocalHashCode, Entry.value; null until first needed (as above). */
    @StableStandIn
    private static VarHandle mapTable;
    @StableStandIn
    private static VarHandle mapSize;
    @StableStandIn
    private static VarHandle localHash;
    @StableStandIn
    private static VarHandle entryValue;
    /** True once reading a map's entries failed (or this class is not in java.lang): every wipe is an event. */
    private static volatile boolean entriesUnreadable;
    /**
     * {@code jdk.internal.misc.CarrierThread} (JDK 21+), the class of the threads that run virtual threads, or
     * {@code Void.class} on a JDK without it (no thread is a Void); null until first needed, then a constant to the JIT.
     */
    @StableStandIn
    private static Class<?> carrierThreadClass;

    /**
     * Exits that reached no feature handler (see {@link #onThreadEvent}): threads that never had a ThreadLocal map, or
     * whose maps held nothing but the runtimes' state once their keys were destroyed. Diagnose's thread count adds
     * them. Striped by thread id, one 64-byte line per stripe, so that carriers ending virtual
     * threads at the same time do not fight over one counter.
     */
    private static final int EXIT_STRIPES = 64;
    private static final int LONGS_PER_LINE = 8;
    private static final AtomicLongArray QUIET_EXITS = new AtomicLongArray(EXIT_STRIPES * LONGS_PER_LINE);

    static {
        // At JVM start the agent defines this class uninitialized and initializes it once the JDK's thread classes
        // are patched, with a mark in the system properties that this takes away: that is how it says "hooks
        // installed" without calling in through reflection or a method handle, which costs milliseconds of JVM
        // start-up (JDK 25 spins lambda forms for either). Initialized any other way (a live install), the class
        // finds no mark and the hooks count as not installed until markHooksInstalled() is called.
        installed = System.getProperties().remove(BridgeProtocol.INSTALLED_MARK) != null;
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

    /**
     * Called by the instrumented JDK code on the thread concerned. Never throws. At a thread's end or wipe the
     * runtimes are called once more after the features: an owned key first used by a feature's handler (an
     * enforce {@code close()}) is then destroyed in the same exit, or leaked past the bound with the rule-8 warning.
     */
    public static void onThreadEvent(int event) {
        if (event == BridgeProtocol.THREAD_EXIT) {
            Thread thread = Thread.currentThread();
            if (!hasMaps(thread)) {
                // Never used a ThreadLocal (any use creates the map): no owned key to destroy (their cells and the
                // thread's record are ThreadLocals), no value to report or close. One field read instead of the
                // handlers, which would each create the map just to look into it: most virtual threads end here.
                countQuietExit(thread);
                return;
            }
        } else if (event != BridgeProtocol.LOCALS_WIPE) {
            if ((event == BridgeProtocol.FORK_JOIN_START || event == BridgeProtocol.FORK_JOIN_END) && onCarrier()) {
                return; // a virtual thread's continuation run by its carrier: no task of anyone's (see onCarrier)
            }
            dispatch(handlers, event); // a task boundary: nothing is destroyed or counted
            dispatch(lateHandlers, event);
            return;
        }
        cleanUp(event);
    }

    /**
     * A thread exit with ThreadLocal maps, or a wipe: the runtimes destroy their keys, then (unless only their state is
     * left) the features report and close, then the runtimes once more. What they hand back (owned keys destroyed,
     * values closed: see BridgeProtocol) goes to the cleanup observer, if one is registered and wants this cleanup.
     */
    private static void cleanUp(int event) {
        Object observed = beginCleanup(event);
        IntConsumer[] runtimes = handlers;
        int ownedKeys = dispatchCounting(runtimes, event);
        int valuesClosed = 0;
        IntConsumer[] features = lateHandlers;
        if (features.length > 0) {
            if (event == BridgeProtocol.THREAD_EXIT && holdsOnlyRuntimeState(Thread.currentThread())) {
                // The runtimes destroyed the keys; what is left is theirs (tombstoned cells, the thread's record)
                // and the agent's own idle state: no feature has anything to report or close, and no feature
                // handler can first use a key, so the runtimes need no second round either.
                countQuietExit(Thread.currentThread());
            } else {
                valuesClosed = dispatchCounting(features, event);
                ownedKeys = addTallies(ownedKeys, dispatchCounting(runtimes, event));
            }
        }
        if (observed != null && (ownedKeys != 0 || valuesClosed != 0)) {
            endCleanup(observed, ownedKeys, valuesClosed);
        }
    }

    /** The observer's started token for this cleanup, or null (no observer, or it wants none). Never throws. */
    private static Object beginCleanup(int event) {
        IntFunction<Object> begin = cleanupBegin;
        if (begin == null) {
            return null;
        }
        try {
            return begin.apply(event);
        } catch (Throwable failed) {
            count("bridge: the cleanup observer's begin threw", failed);
            return null;
        }
    }

    private static void endCleanup(Object observed, int ownedKeys, int valuesClosed) {
        ObjLongConsumer<Object> end = cleanupEnd;
        if (end == null) {
            return;
        }
        try {
            // BridgeProtocol.cleanupOf, written out: this class may use only the protocol's constants
            end.accept(observed, (ownedKeys & 0xFFFF_FFFFL) | ((long) valuesClosed << BridgeProtocol.CLEANUP_CLOSED_SHIFT));
        } catch (Throwable failed) {
            count("bridge: the cleanup observer's end threw", failed);
        }
    }

    /**
     * Registers the agent's observer of cleanups (BridgeProtocol.SET_CLEANUP_OBSERVER_METHOD): its begin is asked at
     * every exit with maps and every wipe, its end told what was destroyed and closed. Null arguments are ignored.
     */
    public static synchronized void setCleanupObserver(IntFunction<Object> begin, ObjLongConsumer<Object> end) {
        if (begin != null && end != null) {
            cleanupEnd = end;
            cleanupBegin = begin;
        }
    }

    /**
     * Like {@link #dispatch}, adding up the tallies of the handlers that hand one back (IntUnaryOperator; see
     * BridgeProtocol): a plain IntConsumer counts as 0.
     */
    private static int dispatchCounting(IntConsumer[] current, int event) {
        int tally = 0;
        for (int i = 0; i < current.length; i++) {
            try {
                IntConsumer handler = current[i];
                if (handler instanceof IntUnaryOperator) {
                    tally = addTallies(tally, ((IntUnaryOperator) handler).applyAsInt(event));
                } else {
                    handler.accept(event);
                }
            } catch (Throwable failed) {
                // never into the JDK: a failing handler must not stop the others, nor the thread's exit
                count("bridge: a thread-event handler threw", failed);
            }
        }
        return tally;
    }

    /** Two tallies as one: counts added (saturated), the larger of the rounds. */
    private static int addTallies(int one, int other) {
        if (one == 0 || other == 0) {
            return one | other;
        }
        int count = Math.min((one & BridgeProtocol.TALLY_COUNT_MASK) + (other & BridgeProtocol.TALLY_COUNT_MASK),
                BridgeProtocol.TALLY_COUNT_MASK);
        int rounds = Math.max(one >>> BridgeProtocol.TALLY_ROUNDS_SHIFT, other >>> BridgeProtocol.TALLY_ROUNDS_SHIFT);
        return count | (rounds << BridgeProtocol.TALLY_ROUNDS_SHIFT);
    }

    private static void countQuietExit(Thread thread) {
        QUIET_EXITS.getAndIncrement(((int) thread.getId() & (EXIT_STRIPES - 1)) * LONGS_PER_LINE);
    }

    /**
     * Registers a runtime copy's own ThreadLocals: the class of its key cells and the ThreadLocal of its thread
     * records. Null arguments are ignored.
     */
    public static synchronized void addRuntimeLocals(Class<?> cellClass, ThreadLocal<?> recordLocal) {
        if (cellClass == null || recordLocal == null) {
            return;
        }
        Class<?>[] classes = new Class<?>[runtimeCellClasses.length + 1];
        System.arraycopy(runtimeCellClasses, 0, classes, 0, runtimeCellClasses.length);
        classes[runtimeCellClasses.length] = cellClass;
        ThreadLocal<?>[] locals = new ThreadLocal<?>[runtimeRecordLocals.length + 1];
        System.arraycopy(runtimeRecordLocals, 0, locals, 0, runtimeRecordLocals.length);
        locals[runtimeRecordLocals.length] = recordLocal;
        runtimeCellClasses = classes;
        runtimeRecordLocals = locals;
    }

    /**
     * True when, after the runtimes' pass, every entry of the thread's maps with a value is a runtime's (a key cell,
     * a thread record) or the agent's own idle state. Conservative: an inheritable map, an unknown entry, a copy of
     * the runtime that did not register, or anything unreadable answers false (the features run as before).
     */
    private static boolean holdsOnlyRuntimeState(Thread thread) {
        Class<?>[] cellClasses = runtimeCellClasses;
        ThreadLocal<?>[] recordLocals = runtimeRecordLocals;
        VarHandle maps = threadLocals;
        VarHandle inherited = inheritableThreadLocals;
        if (cellClasses.length == 0 || cellClasses.length != handlers.length || maps == null || inherited == null
                || !entryHandlesReady()) {
            return false;
        }
        VarHandle table = mapTable;
        VarHandle entryValues = entryValue;
        if (table == null || entryValues == null) {
            return false; // set by another thread and not all seen yet: the features run, as ever
        }
        try {
            if ((Object) inherited.get(thread) != null) {
                return false;
            }
            Object map = (Object) maps.get(thread);
            if (map == null) {
                return false;
            }
            Object[] entries = (Object[]) table.get(map);
            ThreadLocal<?> own = ownLocal;
            Predicate<Object> idle = ownValueIdle;
            for (int i = 0; i < entries.length; i++) {
                Object entry = entries[i];
                if (!(entry instanceof Reference)) {
                    continue; // an empty slot
                }
                Object value = (Object) entryValues.get(entry);
                Object local = ((Reference<?>) entry).get();
                if (value == null || local == null) {
                    continue; // nothing held, or a stale entry: the features skip both too
                }
                if (local == own) {
                    if (idle == null || !idle.test(value)) {
                        return false;
                    }
                } else if (!isRuntimeLocal(local, cellClasses, recordLocals)) {
                    return false;
                }
            }
            return true;
        } catch (Throwable unreadable) {
            entriesUnreadable = true;
            return false;
        }
    }

    private static boolean isRuntimeLocal(Object local, Class<?>[] cellClasses, ThreadLocal<?>[] recordLocals) {
        Class<?> type = local.getClass();
        for (int i = 0; i < cellClasses.length; i++) {
            if (type == cellClasses[i] || local == recordLocals[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the current thread carries virtual threads. Each mount of a virtual thread is a ForkJoinTask that its
     * carrier executes, so on JDK 21+ most {@code ForkJoinTask.doExec} boundaries of a program with virtual threads are
     * a carrier's, two per mount: none of them is a task (the carrier's own maps hold only the JDK's state; what the
     * virtual thread does is its own thread's), no handler acts on them (the runtimes know no fork-join code, the
     * agent's features are for ForkJoin workers), yet each went to every handler: under diagnose and enforce, two
     * rounds of handler calls per mount of every virtual thread. The one place that tells a carrier from a ForkJoin
     * worker.
     */
    private static boolean onCarrier() {
        Class<?> carrier = carrierThreadClass;
        if (carrier == null) {
            carrier = Void.class; // JDK 17 (no virtual threads, so no carriers), or the lookup failed: no thread is a Void
            if (Runtime.version().feature() >= 21) {
                try {
                    carrier = Class.forName("jdk.internal.misc.CarrierThread", false, null);
                } catch (Throwable failed) {
                    // counted: the carriers' boundaries then reach the handlers, as ForkJoin workers' would
                    count("bridge: looking up the virtual-thread carrier class", failed);
                }
            }
            carrierThreadClass = carrier;
        }
        return Thread.currentThread().getClass() == carrier;
    }

    private static void dispatch(IntConsumer[] current, int event) {
        for (int i = 0; i < current.length; i++) {
            try {
                current[i].accept(event);
            } catch (Throwable failed) {
                // never into the JDK: a failing handler must not stop the others, nor the thread's exit
                count("bridge: a thread-event handler threw", failed);
            }
        }
    }

    /**
     * Placed at the entry of the JDK's methods that erase a thread's ThreadLocal maps while it lives on
     * ({@code ThreadLocalRandom.eraseThreadLocals(Thread)}, {@code InnocuousThread.eraseThreadLocals()}): the
     * wipe event when the maps are the current thread's (every caller in JDK 17, 21 and 25 erases its own; a
     * thread being set up by another one has nothing of its own yet). Never throws.
     */
    public static void beforeErase(Thread thread) {
        if (thread == Thread.currentThread() && hasMaps(thread) && !holdsOnlyIdleOwnState(thread)) {
            onThreadEvent(BridgeProtocol.LOCALS_WIPE);
        }
    }

    /**
     * Names the agent's own ThreadLocal and when its value holds nothing a wipe must handle (diagnose registers its
     * per-thread state: idle when no task runs and it counts no leak). Null arguments are ignored.
     */
    public static void setOwnLocal(ThreadLocal<?> local, Predicate<Object> idle) {
        if (local != null && idle != null) {
            ownValueIdle = idle;
            ownLocal = local;
        }
    }

    /**
     * True when the thread's only ThreadLocal entry is the agent's own, idle: then nothing of the application's or of
     * an owned key is in the maps, and the wipe needs no event. Under diagnose, JDK 17 and 21 erase a common-pool
     * worker's maps after every top-level task, and each task start gives the worker a fresh state: without this,
     * every trivial task would pay for the handlers. Conservative: anything unexpected answers false (an event).
     */
    private static boolean holdsOnlyIdleOwnState(Thread thread) {
        ThreadLocal<?> own = ownLocal;
        Predicate<Object> idle = ownValueIdle;
        if (own == null || idle == null || entriesUnreadable || mapsUnreadable) {
            return false;
        }
        VarHandle maps = threadLocals;
        VarHandle inherited = inheritableThreadLocals;
        if (maps == null || inherited == null) {
            return false; // hasMaps set them, but another thread may not see them yet: an event, as ever
        }
        try {
            if ((Object) inherited.get(thread) != null) {
                return false;
            }
            Object map = (Object) maps.get(thread);
            if (map == null) {
                return false;
            }
            if (!entryHandlesReady()) {
                return false;
            }
            VarHandle table = mapTable;
            VarHandle size = mapSize;
            VarHandle hash = localHash;
            VarHandle value = entryValue;
            if (table == null || size == null || hash == null || value == null) {
                return false; // set by another thread and not all seen yet: an event, as ever
            }
            if ((int) size.get(map) != 1) {
                return false;
            }
            Object[] entries = (Object[]) table.get(map);
            // the only entry sits at its hash's slot unless it was placed by probing past another: then false
            Object entry = entries[(int) hash.get(own) & (entries.length - 1)];
            return entry instanceof Reference && ((Reference<?>) entry).get() == own && idle.test((Object) value.get(entry));
        } catch (Throwable unreadable) {
            // not in java.lang (a test's copy), or a JDK whose ThreadLocalMap differs: an event for every wipe
            entriesUnreadable = true;
            return false;
        }
    }

    /**
     * Sets the handles on a map's entries once (table, size, a ThreadLocal's hash, an entry's value), all four or
     * none. False when they cannot be had (not in java.lang, as in tests, or a JDK whose ThreadLocalMap differs).
     */
    private static boolean entryHandlesReady() {
        if (mapTable != null && mapSize != null && localHash != null && entryValue != null) {
            return true;
        }
        if (entriesUnreadable) {
            return false;
        }
        try {
            Class<?> mapType = Class.forName("java.lang.ThreadLocal$ThreadLocalMap", false, null);
            Class<?> entryType = Class.forName("java.lang.ThreadLocal$ThreadLocalMap$Entry", false, null);
            MethodHandles.Lookup here = MethodHandles.lookup();
            VarHandle value = MethodHandles.privateLookupIn(entryType, here).findVarHandle(entryType, "value", Object.class);
            VarHandle hash = MethodHandles.privateLookupIn(ThreadLocal.class, here)
                    .findVarHandle(ThreadLocal.class, "threadLocalHashCode", int.class);
            MethodHandles.Lookup inMap = MethodHandles.privateLookupIn(mapType, here);
            VarHandle size = inMap.findVarHandle(mapType, "size", int.class);
            VarHandle table = inMap.findVarHandle(mapType, "table", java.lang.reflect.Array.newInstance(entryType, 0).getClass());
            entryValue = value;
            localHash = hash;
            mapSize = size;
            mapTable = table;
            return true;
        } catch (Throwable unreadable) {
            // not in java.lang (a test's copy), or a JDK whose ThreadLocalMap differs: the events go as before
            entriesUnreadable = true;
            return false;
        }
    }

    /**
     * False when both of the thread's ThreadLocal maps are null: then it holds no value (no owned key, nothing to
     * report or close) and the wipe or exit needs no event. JDK 17 erases a common-pool worker's maps after every top-level
     * task, so most erases find nothing, and the handlers would cost about a microsecond each for nothing.
     */
    private static boolean hasMaps(Thread thread) {
        if (mapsUnreadable) {
            return true;
        }
        try {
            VarHandle maps = threadLocals;
            VarHandle inherited = inheritableThreadLocals;
            if (maps == null || inherited == null) {
                Class<?> mapType = Class.forName("java.lang.ThreadLocal$ThreadLocalMap", false, null);
                // a private lookup in Thread: the fields are package-private on JDK 17 but private on JDK 25, and
                // this class is in Thread's module (java.base), so it may have one without any opening
                MethodHandles.Lookup inJavaLang = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup());
                maps = inJavaLang.findVarHandle(Thread.class, "threadLocals", mapType);
                inherited = inJavaLang.findVarHandle(Thread.class, "inheritableThreadLocals", mapType);
                threadLocals = maps;
                inheritableThreadLocals = inherited;
            }
            return (Object) maps.get(thread) != null || (Object) inherited.get(thread) != null;
        } catch (Throwable unreadable) {
            // not in java.lang (a test's copy), or a JDK whose Thread has other fields: an event for every erase
            mapsUnreadable = true;
            return true;
        }
    }

    /** How many thread exits reached no feature handler (nothing but the runtimes' state, or no map at all). */
    public static long quietExits() {
        long sum = 0;
        for (int i = 0; i < EXIT_STRIPES; i++) {
            sum += QUIET_EXITS.get(i * LONGS_PER_LINE);
        }
        return sum;
    }

    /** Counts a failure a runtime copy swallowed ({@code where}: a fixed text; {@code type}: the exception's class). */
    public static void recordFailure(String where, String type) {
        remember(where + ": " + type);
    }

    /** How many failures were counted (the agent reports them as internal errors). */
    public static long failureCount() {
        return FAILURES.get();
    }

    /** The last failures counted, oldest first ("where: type"), at most 16. */
    public static String[] failures() {
        synchronized (LAST_FAILURES) {
            long count = FAILURES.get();
            int kept = (int) Math.min(count, KEPT_FAILURES);
            String[] copy = new String[kept];
            for (int i = 0; i < kept; i++) {
                copy[i] = LAST_FAILURES[(int) ((count - kept + i) % KEPT_FAILURES)];
            }
            return copy;
        }
    }

    private static void count(String where, Throwable failure) {
        try {
            remember(where + ": " + failure.getClass().getName());
        } catch (Throwable cannotCount) {
            FAILURES.incrementAndGet(); // counted without its description (out of memory building the text)
        }
    }

    private static void remember(String failure) {
        synchronized (LAST_FAILURES) {
            LAST_FAILURES[(int) (FAILURES.getAndIncrement() % KEPT_FAILURES)] = failure;
        }
    }

    /**
     * Replaces a worker loop's {@code task.run()} (io.localdrop.agent.tasks.WorkerLoops): the task runs as it
     * would, the same object, on the same thread, between a task start and a task end that is also reached
     * when it throws. What it throws propagates unchanged; the one visible trace is this frame in stack traces.
     */
    public static void runTask(Runnable task) {
        onThreadEvent(BridgeProtocol.TASK_START);
        try {
            task.run();
        } finally {
            onThreadEvent(BridgeProtocol.TASK_END);
        }
    }

    /**
     * Replaces {@code StackableScope.popAll()} in {@code VirtualThread.run(Runnable)} (JDK 21+): the virtual
     * thread's exit hook, then the scope pop the JDK was about to do. A same-length call replaced by another
     * means the JDK's method needs no other change. Exceptions of {@code popAll} propagate as before.
     */
    public static void exitThenPopAll() {
        onThreadEvent(BridgeProtocol.THREAD_EXIT);
        StackableScopeStandIn.popAll();
    }

    /** Publishes the live JSON report (the diagnose feature); read back through {@link #report()}. */
    public static void setReportSource(Supplier<String> source) {
        reportSource = source;
    }

    /**
     * Registers {@code task} in the highest free system shutdown-hook slot of {@code java.lang.Shutdown} (JDK 17 to
     * 25: slots 0 to 2 of 10 are the JDK's, 1 being the one that runs all application hooks and waits for them), so
     * that it runs after every application shutdown hook has returned (the diagnose feature's final report).
     * Called by reflection with a reference-only signature, cheap where {@code Shutdown.add}'s own is not.
     *
     * @return null when registered, else why not (every slot taken, or the shutdown under way). Never throws.
     */
    public static String afterApplicationHooks(Runnable task) {
        try {
            for (int slot = 9; slot >= 3; slot--) {
                try {
                    // false: refused once shutdown has begun, like Runtime.addShutdownHook
                    ShutdownStandIn.add(slot, false, task);
                    return null;
                } catch (InternalError taken) {
                    // "Shutdown hook at slot N already registered": try the next one down
                }
            }
            return "system shutdown-hook slots 3 to 9 are all taken";
        } catch (Throwable refused) {
            return refused.getClass().getName() + ": " + refused.getMessage();
        }
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
            count("bridge: the live report's source threw", failed);
            return null;
        }
    }
}
