package io.localdrop.agent.findings;

import io.localdrop.agent.health.InternalErrors;

import java.lang.ref.Reference;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The rules that decide what a value left on a pooled thread is, beyond "stored with set, so a leak". Each rule
 * follows what the code did (docs/diagnose.md, "How findings are classified"); the one that needs a list is
 * {@link #JDK_CONTAINERS}, each entry with its reason. A finding a rule decided names it in {@code classifiedBy}.
 */
final class Classifier {
    /** No rule: the default verdict (stored with set and left: a leak; made by an initial value: a cache). */
    static final byte NONE = 0;
    /** The value is one of {@link #JDK_CONTAINERS}: a leak only while it holds entries at a task's end. */
    static final byte CONTAINER = 1;
    /** Made by the lazy idiom: a get that returned null, then a set in the same method (per-thread scratch). */
    static final byte LAZY = 2;
    /** Held through a {@link java.lang.ref.Reference}: how per-thread caches keep their memory reclaimable. */
    static final byte REFERENCE = 3;
    /**
     * The task's first store replaced the very value (identity) the task left at its end: a re-entrancy guard
     * that set and reset it around its own work. Seen for ThreadLocals whose stores are watched: those with an
     * initial value, several storing sites, or a leak found.
     */
    static final byte RESTORED = 4;
    /**
     * A value first seen on the thread, stored by the class whose get returned null just before (a guard on a
     * plain ThreadLocal: isLocked() then lock()/unlock()): on probation for one task; a read from another class
     * is a bleed, the same value left by the next task is the class's own state.
     */
    static final byte READ_FIRST = 5;
    /**
     * A value the thread stored between two of its tasks, outside both (a scope it entered before running a task in
     * place, an event loop's I/O handler): the thread's own work, so no task's leftover, and on probation: read
     * inside the task that followed the store, it is what that task was given; read by work after a later task
     * began, it outlived the work it was for (a TASK_LEAK at that read, and a BLEED).
     */
    static final byte BETWEEN_TASKS = 6;
    /**
     * A {@link #CONTAINER} the code made for itself and filled in place: made by the lazy idiom (a get that returned
     * null, then a set of the new container, in one method) or by its ThreadLocal's initial value, holding entries at
     * the end of the task that made it. A per-thread memo cache ({@code computeIfAbsent}) and a request's MDC map left
     * filled look the same there; they differ in who reads them. So it goes on probation, judged by its reads: those
     * of the method that made it (for one made by an initial value, the method of its first read in the next task)
     * are its own; a read by another method while it holds entries (MDC.get after MDC.put) is an earlier task's
     * data: TASK_LEAK and BLEED, and from then on a plain container leak. Read by its own method in a later task, and
     * by no other: CACHE at that task's end, the code's own state (a task that did not read it leaves it on probation).
     */
    static final byte OWN_CONTAINER = 7;
    /**
     * A value of an {@link InheritableThreadLocal} the thread held before its first task: copied from the thread that
     * created it (a pool makes its workers on whatever thread submits first, in whatever request that thread is
     * serving), so no task of this thread stored it. The first task is the job the creator handed over as the pool
     * made the worker for it, so its reads are its own; every later task that reads it reads another thread's
     * context: a BLEED at each such read (once per task, or once per stretch between tasks), with no TASK_LEAK, since
     * no task here left it. A task that stores its own value or removes it ends this.
     */
    static final byte INHERITED = 8;

    private static final String[] NAMES = {null, "jdk-container", "lazy-init", "reference-held", "restored-value",
        "read-before-store", "stored-between-tasks", "own-container", "inherited"};

    /**
     * Exact JDK classes whose {@code size()} (or {@code isEmpty}) runs JDK code only, so reading it calls no
     * application method (never {@code hashCode}/{@code equals}/{@code compareTo} of the elements). Why each:
     * <ul>
     *   <li>{@code HashMap}, {@code LinkedHashMap}, {@code IdentityHashMap}, {@code TreeMap}, {@code WeakHashMap}
     *       (size expunges stale entries through its reference queue, JDK code), {@code ConcurrentHashMap},
     *       {@code ConcurrentSkipListMap}, {@code Hashtable}, {@code EnumMap}: size is a field or a count over
     *       the JDK's own nodes;</li>
     *   <li>{@code HashSet}, {@code LinkedHashSet}, {@code TreeSet}: size delegates to their backing JDK map
     *       (always one of the above: the constructors that take a map are not public);</li>
     *   <li>{@code ArrayList}, {@code LinkedList}, {@code ArrayDeque}, {@code Vector}, {@code Stack},
     *       {@code PriorityQueue}, {@code ConcurrentLinkedQueue}, {@code ConcurrentLinkedDeque},
     *       {@code CopyOnWriteArrayList}, {@code LinkedBlockingQueue}, {@code LinkedBlockingDeque},
     *       {@code ArrayBlockingQueue}: size is a field or a walk over the JDK's own nodes.</li>
     * </ul>
     * Not the {@code Collections} wrappers (unmodifiable, synchronized, checked): their size calls the wrapped
     * collection, which may be the application's. Not subclasses: a subclass may override size.
     */
    static final Set<Class<?>> JDK_CONTAINERS = Set.of(
            java.util.HashMap.class, java.util.LinkedHashMap.class, java.util.IdentityHashMap.class,
            java.util.TreeMap.class, java.util.WeakHashMap.class, java.util.concurrent.ConcurrentHashMap.class,
            java.util.concurrent.ConcurrentSkipListMap.class, java.util.Hashtable.class, java.util.EnumMap.class,
            java.util.HashSet.class, java.util.LinkedHashSet.class, java.util.TreeSet.class,
            java.util.ArrayList.class, java.util.LinkedList.class, java.util.ArrayDeque.class, java.util.Vector.class,
            java.util.Stack.class, java.util.PriorityQueue.class, java.util.concurrent.ConcurrentLinkedQueue.class,
            java.util.concurrent.ConcurrentLinkedDeque.class, java.util.concurrent.CopyOnWriteArrayList.class,
            java.util.concurrent.LinkedBlockingQueue.class, java.util.concurrent.LinkedBlockingDeque.class,
            java.util.concurrent.ArrayBlockingQueue.class);

    private Classifier() {
    }

    /** The {@code classifiedBy} name of a rule, {@code null} for {@link #NONE}. */
    static String name(byte rule) {
        return rule > 0 && rule < NAMES.length ? NAMES[rule] : null;
    }

    static boolean isJdkContainer(Object value) {
        return value != null && JDK_CONTAINERS.contains(value.getClass());
    }

    /**
     * How many entries {@link #holdsEntries} looks at for one that is not a {@link Reference}: a pool's per-thread
     * list of weak references is short (a few connections); a longer container of references is judged as
     * holding entries (the safe side) rather than walked.
     */
    static final int REFERENCE_WALK = 64;

    /**
     * Whether a {@link #JDK_CONTAINERS} value holds entries that are the value's own data: any element of a
     * collection, any value of a map, that is not a {@link Reference}. A container whose entries are all
     * references (a connection pool's per-thread list of weak references to the connections it lent this thread
     * before) holds nothing strongly: what it refers to lives or dies by its owner elsewhere, which is how a
     * per-thread cache keeps its memory reclaimable, the rule {@link #REFERENCE} applies to a Reference held
     * directly. The walk runs JDK iterators only and calls no method of the entries ({@code getClass} is final).
     * True, the safe side (a leak), if it cannot be read.
     */
    static boolean holdsEntries(Object value) {
        try {
            Collection<?> entries = value instanceof Map ? ((Map<?, ?>) value).values() : (Collection<?>) value;
            if (entries.isEmpty()) {
                return false;
            }
            int walked = 0;
            for (Object entry : entries) {
                if (!(entry instanceof Reference) || ++walked > REFERENCE_WALK) {
                    return true;
                }
            }
            return false;
        } catch (Throwable unreadable) {
            // a concurrent modification of a container shared with another thread: judged as holding entries
            InternalErrors.record("findings: container size", unreadable);
            return true;
        }
    }

    /**
     * The first entry of a {@link #JDK_CONTAINERS} value (an element of a collection, a key or a value of a map) whose
     * class comes from a loader foreign to {@code context} ({@link LoaderNames#isContextOrAncestor}), or null. The
     * container holds its entries strongly, so such an entry pins its loader as a value of that class would (a
     * per-thread cache of a web application's objects on a server's shared thread). {@link Reference}s are passed
     * over: they hold what they refer to weakly. At most {@link #REFERENCE_WALK} entries are looked at; JDK
     * iterators only, and {@code getClass} of each entry. Null, with the failure recorded, if it cannot be read (a
     * container another thread changes).
     */
    static Object foreignEntry(Object container, ClassLoader context) {
        try {
            boolean map = container instanceof Map;
            Collection<?> entries = map ? ((Map<?, ?>) container).entrySet() : (Collection<?>) container;
            int walked = 0;
            for (Object entry : entries) {
                if (++walked > REFERENCE_WALK) {
                    return null;
                }
                Object element = map ? ((Map.Entry<?, ?>) entry).getKey() : entry;
                if (foreign(element, context)) {
                    return element;
                }
                Object value = map ? ((Map.Entry<?, ?>) entry).getValue() : null;
                if (foreign(value, context)) {
                    return value;
                }
            }
            return null;
        } catch (Throwable unreadable) {
            InternalErrors.record("findings: container entries", unreadable);
            return null;
        }
    }

    private static boolean foreign(Object entry, ClassLoader context) {
        return entry != null && !(entry instanceof Reference)
                && !LoaderNames.isContextOrAncestor(entry.getClass().getClassLoader(), context);
    }

    /** Whether two sites are in the same class ("the same code": what a lazily made value's own code is). */
    static boolean sameClass(String siteA, String siteB) {
        if (siteA == null || siteB == null) {
            return false;
        }
        int a = ownerEnd(siteA);
        int b = ownerEnd(siteB);
        return a > 0 && a == b && siteA.regionMatches(0, siteB, 0, a);
    }

    /** Whether two sites are in the same method of the same class (the lazy idiom's own reads). */
    static boolean sameMethod(String siteA, String siteB) {
        if (siteA == null || siteB == null) {
            return false;
        }
        int a = siteA.indexOf('(');
        return a > 0 && a == siteB.indexOf('(') && siteA.regionMatches(0, siteB, 0, a);
    }

    /** Length of the class part of {@code Class.method(File:line)}. */
    private static int ownerEnd(String site) {
        int paren = site.indexOf('(');
        return paren < 0 ? -1 : site.lastIndexOf('.', paren);
    }
}
