package io.localdrop.agent.findings;

import io.localdrop.agent.health.InternalErrors;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.Reference;
import java.util.Map;
import java.util.Set;

/**
 * Reads the current thread's ThreadLocal maps directly ({@code Thread.threadLocals} and
 * {@code inheritableThreadLocals} -> {@code ThreadLocalMap.table} -> entries), without calling
 * {@code ThreadLocal.get} (which would run {@code initialValue} and change what the application sees).
 * Measured at ~10-15 ns for 4 entries, ~100 ns for 64 when the JDK hooks were chosen (no benchmark here repeats it).
 *
 * <p>Needs {@code java.lang} opened to the agent, done once by {@link #open}. Shared by diagnose (task
 * end and exit scans) and enforce (closing values at exit).
 */
public final class ThreadLocalMapReader {
    /** Receives each live entry with a non-null value. */
    public interface EntryVisitor {
        void entry(ThreadLocal<?> threadLocal, Object value);

        /**
         * After a map: how many of its slots held an entry, live or stale (a collected ThreadLocal's entry stays until
         * the map expunges it), each of them read: what a walk of the map cost.
         */
        default void walked(int entries) {
        }
    }

    /**
     * What a caller of {@link #unchanged} knows of the entries the last walk visited: asked of each entry found again at
     * a visited slot, numbered as {@link #forEach} visited them (live entries with a value, in table order).
     */
    interface HeldValues {
        /** Whether {@code threadLocal} holding {@code value} is what the caller had at {@code position}, and still so. */
        boolean unchangedBy(int position, ThreadLocal<?> threadLocal, Object value);
    }

    // plain: set once in premain, before any application code runs
    private static boolean open;

    private ThreadLocalMapReader() {
    }

    /** Opens java.lang to the agent and finds the fields; false (and the scans do nothing) if that fails. */
    public static synchronized boolean open(Instrumentation instrumentation) {
        if (open) {
            return true;
        }
        try {
            Module javaBase = Thread.class.getModule();
            Module agent = ThreadLocalMapReader.class.getModule();
            if (instrumentation != null && !javaBase.isOpen("java.lang", agent)) {
                instrumentation.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.lang", Set.of(agent)),
                        Set.of(), Map.of());
            }
            if (Handles.HASH == null) {
                System.err.println("localdrop: warning: cannot read ThreadLocal maps, task and exit findings are off: "
                        + Handles.failure);
                return false;
            }
            open = true;
            return true;
        } catch (Throwable unavailable) {
            InternalErrors.record("findings: open java.lang", unavailable);
            System.err.println("localdrop: warning: cannot read ThreadLocal maps, task and exit findings are off: "
                    + unavailable);
            return false;
        }
    }

    /**
     * The field accessors: static final so that the JIT inlines them; initialized only after java.lang is open.
     * Direct field getters rather than VarHandles turned into method handles: the same field load once compiled,
     * and far fewer lambda-form frames while still interpreted (the hash read runs in every rewritten {@code set},
     * thousands of times during an application's start-up before the JIT gets to it).
     */
    private static final class Handles {
        static final MethodHandle THREAD_LOCALS;
        static final MethodHandle INHERITABLE;
        static final MethodHandle TABLE;
        static final MethodHandle VALUE;
        static final MethodHandle SIZE;
        static final MethodHandle HASH;
        static Throwable failure;

        static {
            MethodHandle threadLocals = null;
            MethodHandle inheritable = null;
            MethodHandle table = null;
            MethodHandle value = null;
            MethodHandle size = null;
            MethodHandle hash = null;
            try {
                MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup());
                Class<?> mapClass = Class.forName("java.lang.ThreadLocal$ThreadLocalMap", false, null);
                Class<?> entryClass = Class.forName("java.lang.ThreadLocal$ThreadLocalMap$Entry", false, null);
                threadLocals = lookup.findGetter(Thread.class, "threadLocals", mapClass)
                        .asType(MethodType.methodType(Object.class, Thread.class));
                inheritable = lookup.findGetter(Thread.class, "inheritableThreadLocals", mapClass)
                        .asType(MethodType.methodType(Object.class, Thread.class));
                MethodHandles.Lookup mapLookup = MethodHandles.privateLookupIn(mapClass, MethodHandles.lookup());
                table = mapLookup.findGetter(mapClass, "table", entryClass.arrayType())
                        .asType(MethodType.methodType(Object[].class, Object.class));
                size = mapLookup.findGetter(mapClass, "size", int.class)
                        .asType(MethodType.methodType(int.class, Object.class));
                MethodHandles.Lookup entryLookup = MethodHandles.privateLookupIn(entryClass, MethodHandles.lookup());
                value = entryLookup.findGetter(entryClass, "value", Object.class)
                        .asType(MethodType.methodType(Object.class, Object.class));
                hash = MethodHandles.privateLookupIn(ThreadLocal.class, MethodHandles.lookup())
                        .findGetter(ThreadLocal.class, "threadLocalHashCode", int.class);
            } catch (Throwable unavailable) {
                // not silent: open() prints it (the maps cannot be read at all) and turns the scans off
                failure = unavailable;
                hash = null;
            }
            THREAD_LOCALS = threadLocals;
            INHERITABLE = inheritable;
            TABLE = table;
            VALUE = value;
            SIZE = size;
            HASH = hash;
        }
    }

    /**
     * {@link #hashOf} as a method handle {@code (ThreadLocal)int} once {@link #open} succeeded (else {@code null}): for a
     * static final of the rewritten set's hook, which the JIT turns into one field read.
     */
    public static MethodHandle hashHandle() {
        return open ? Handles.HASH : null;
    }

    /** Whether {@link #open} succeeded. */
    public static boolean isOpen() {
        return open;
    }

    /** ThreadLocal's own {@code threadLocalHashCode}: unique per ThreadLocal, and reading it runs no application code. */
    public static int hashOf(ThreadLocal<?> threadLocal) {
        if (!open) {
            return System.identityHashCode(threadLocal);
        }
        try {
            return (int) Handles.HASH.invokeExact(threadLocal);
        } catch (Throwable unreadable) {
            InternalErrors.record("findings: ThreadLocal hash read", unreadable);
            return System.identityHashCode(threadLocal);
        }
    }

    /** Visits every entry of {@code thread}'s maps (call it on that thread). Returns the number visited. */
    public static int forEach(Thread thread, EntryVisitor visitor) {
        return forEach(thread, visitor, null);
    }

    /**
     * {@link #forEach(Thread, EntryVisitor)}, recording what the maps hold in {@code shape} (when not null) for a later
     * {@link #unchanged} test.
     */
    static int forEach(Thread thread, EntryVisitor visitor, MapShape shape) {
        if (!open) {
            return 0;
        }
        try {
            if (shape != null) {
                shape.begin();
            }
            int visited = visit((Object) Handles.THREAD_LOCALS.invokeExact(thread), visitor, shape, 0)
                    + visit((Object) Handles.INHERITABLE.invokeExact(thread), visitor, shape, 1);
            if (shape != null) {
                shape.end();
            }
            return visited;
        } catch (Throwable unreadable) {
            InternalErrors.record("findings: ThreadLocal map read", unreadable);
            return 0;
        }
    }

    /**
     * Whether a walk of {@code thread}'s maps would visit the entries {@code shape} recorded at their last walk
     * ({@link MapShape}): the same number of entries, each visited slot still visited and its entry
     * {@linkplain HeldValues#unchangedBy accepted} by {@code held}, each other slot still passed over. False when the
     * shape is not valid or the maps cannot be read (a full walk then decides).
     */
    static boolean unchanged(Thread thread, MapShape shape, HeldValues held) {
        if (!open || !shape.valid()) {
            return false;
        }
        try {
            Object own = (Object) Handles.THREAD_LOCALS.invokeExact(thread);
            int visited = unchanged(own, shape, 0, 0, held, 0);
            return visited >= 0 && unchanged((Object) Handles.INHERITABLE.invokeExact(thread), shape, 1,
                    Math.max(0, shape.size(0)), held, visited) >= 0;
        } catch (Throwable unreadable) {
            InternalErrors.record("findings: ThreadLocal map read", unreadable);
            return false;
        }
    }

    /** One map's part of {@link #unchanged}: -1 when it changed, else {@code visited} plus the values it holds. */
    private static int unchanged(Object map, MapShape shape, int which, int from, HeldValues check, int visited)
            throws Throwable {
        if (map == null) {
            return shape.size(which) == -1 ? visited : -1;
        }
        int entries = (int) Handles.SIZE.invokeExact(map);
        if (entries != shape.size(which)) {
            return -1;
        }
        Object[] table = (Object[]) Handles.TABLE.invokeExact(map);
        for (int at = from, end = from + entries; at < end; at++) {
            int index = shape.slot(at);
            if (table == null || index >= table.length) {
                return -1;
            }
            Object entry = table[index];
            if (entry == null) {
                return -1;
            }
            ThreadLocal<?> key = (ThreadLocal<?>) ((Reference<?>) entry).get();
            Object held = (Object) Handles.VALUE.invokeExact(entry);
            boolean visits = key != null && held != null; // as visit() decides
            if (visits != shape.visited(at) || visits && !check.unchangedBy(visited++, key, held)) {
                return -1;
            }
        }
        return visited;
    }

    /**
     * {@code System.identityHashCode} of the value {@code threadLocal} holds on the current thread, 0 when it holds
     * none: read from the map directly, so no initial value is made.
     */
    public static int identityOfValue(ThreadLocal<?> threadLocal) {
        if (!open) {
            return 0;
        }
        try {
            Thread thread = Thread.currentThread();
            int found = find((Object) Handles.THREAD_LOCALS.invokeExact(thread), threadLocal);
            return found != 0 ? found : find((Object) Handles.INHERITABLE.invokeExact(thread), threadLocal);
        } catch (Throwable unreadable) {
            InternalErrors.record("findings: ThreadLocal map read", unreadable);
            return 0;
        }
    }

    private static int find(Object map, ThreadLocal<?> threadLocal) throws Throwable {
        if (map == null) {
            return 0;
        }
        Object[] entries = (Object[]) Handles.TABLE.invokeExact(map);
        if (entries == null) {
            return 0;
        }
        // the map's own probe: open addressing from the ThreadLocal's hash, linear, up to the first empty slot
        int mask = entries.length - 1;
        for (int i = hashOf(threadLocal) & mask, probes = 0; probes <= mask; i = (i + 1) & mask, probes++) {
            Object entry = entries[i];
            if (entry == null) {
                return 0;
            }
            if (((Reference<?>) entry).get() == threadLocal) {
                Object held = (Object) Handles.VALUE.invokeExact(entry);
                return held == null ? 0 : System.identityHashCode(held);
            }
        }
        return 0;
    }

    private static int visit(Object map, EntryVisitor visitor, MapShape shape, int which) throws Throwable {
        if (map == null) {
            if (shape != null) {
                shape.map(which, -1);
            }
            return 0;
        }
        if (shape != null) {
            shape.map(which, (int) Handles.SIZE.invokeExact(map));
        }
        Object[] entries = (Object[]) Handles.TABLE.invokeExact(map);
        if (entries == null) {
            return 0;
        }
        int visited = 0;
        int walked = 0;
        for (int index = 0; index < entries.length; index++) {
            Object entry = entries[index];
            if (entry == null) {
                continue;
            }
            walked++;
            ThreadLocal<?> key = (ThreadLocal<?>) ((Reference<?>) entry).get();
            Object held = (Object) Handles.VALUE.invokeExact(entry);
            if (shape != null && shape.recording()) {
                shape.slot(index, key != null && held != null);
            }
            if (key != null && held != null) {
                visited++;
                visitor.entry(key, held);
            }
        }
        visitor.walked(walked);
        return visited;
    }
}
