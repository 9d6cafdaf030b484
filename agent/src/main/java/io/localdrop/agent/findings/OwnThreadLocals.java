package io.localdrop.agent.findings;

/**
 * The one list of ThreadLocals that neither diagnose's scans nor enforce's closing treat as the application's:
 * <ul>
 *   <li>the agent's own (made with {@link #create}: per-thread state of diagnose and enforce);</li>
 *   <li>the runtime's owned-key cells ({@code io.localdrop.internal.KeyCell}): destroyed by the runtime;</li>
 *   <li>the JDK's internal ThreadLocal subclasses (any other subclass loaded by the bootstrap loader): the JDK's
 *       own per-thread state, which it tears down itself. {@code ThreadLocal}, {@code InheritableThreadLocal} and
 *       the class {@code withInitial} returns are the application's.</li>
 * </ul>
 * Used by {@code Detectors.skipped} and {@code enforce.TlNames.skipped}.
 */
public final class OwnThreadLocals {
    private static final String KEY_CELL = "io.localdrop.internal.KeyCell";
    /** The class {@code ThreadLocal.withInitial} returns. */
    public static final Class<?> SUPPLIED = suppliedClass();
    /** The agent's own ThreadLocals: a handful, created at class initialization, never removed. */
    private static volatile ThreadLocal<?>[] own = new ThreadLocal<?>[0];

    private OwnThreadLocals() {
    }

    /**
     * Looked up by name (a JDK class: nothing of the application is loaded) rather than by making one: the supplier
     * would be a lambda, a class spun at the installation. Made, should a JDK ever name it otherwise.
     */
    private static Class<?> suppliedClass() {
        try {
            return Class.forName("java.lang.ThreadLocal$SuppliedThreadLocal", false, null);
        } catch (ClassNotFoundException renamed) {
            return ThreadLocal.withInitial(new java.util.function.Supplier<Object>() {
                @Override
                public Object get() {
                    return null;
                }
            }).getClass();
        }
    }

    /** A new ThreadLocal of the agent's own, which every scan skips. */
    public static synchronized <T> ThreadLocal<T> create() {
        ThreadLocal<T> threadLocal = new ThreadLocal<>();
        ThreadLocal<?>[] known = own;
        ThreadLocal<?>[] grown = java.util.Arrays.copyOf(known, known.length + 1);
        grown[known.length] = threadLocal;
        own = grown;
        return threadLocal;
    }

    /** Whether {@code threadLocal} is not the application's (see the class comment). */
    public static boolean skipped(ThreadLocal<?> threadLocal) {
        for (ThreadLocal<?> agent : own) {
            if (agent == threadLocal) {
                return true;
            }
        }
        Class<?> type = threadLocal.getClass();
        if (type == ThreadLocal.class || type == InheritableThreadLocal.class || type == SUPPLIED) {
            return false;
        }
        if (KEY_CELL.equals(type.getName())) {
            return true;
        }
        return type.getClassLoader() == null;
    }
}
