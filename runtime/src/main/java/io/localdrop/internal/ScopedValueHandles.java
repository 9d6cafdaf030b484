package io.localdrop.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * {@code java.lang.ScopedValue} (final since JDK 25) for the runtime's scoped keys (and the benchmarks' anchor),
 * while the runtime compiles for JDK 17: its methods are looked up once, here, as method handles. They sit in static final fields, so the JIT treats
 * them as constants and inlines {@code GET.invokeExact(key)} as it would {@code key.get()}. Before JDK 25 (or if
 * the lookup fails) {@link #AVAILABLE} is false and scoped keys are backed by a ThreadLocal instead.
 */
public final class ScopedValueHandles {
    public static final boolean AVAILABLE;
    /** {@code ScopedValue.newInstance()}, as {@code () Object}. */
    public static final MethodHandle NEW_INSTANCE;
    /** {@code ScopedValue.get()}, as {@code (Object) Object}; throws NoSuchElementException when unbound. */
    public static final MethodHandle GET;
    /** {@code ScopedValue.isBound()}, as {@code (Object) boolean}. */
    public static final MethodHandle IS_BOUND;
    /** {@code ScopedValue.orElse(other)}, as {@code (Object, Object) Object}; {@code other} must not be null. */
    public static final MethodHandle OR_ELSE;
    /** {@code ScopedValue.where(key, value)}, as {@code (Object, Object) Object} (a Carrier). */
    public static final MethodHandle WHERE;
    /** {@code ScopedValue.Carrier.run(Runnable)}, as {@code (Object, Runnable) void}. */
    public static final MethodHandle RUN;

    static {
        MethodHandle newInstance = null;
        MethodHandle get = null;
        MethodHandle isBound = null;
        MethodHandle orElse = null;
        MethodHandle where = null;
        MethodHandle run = null;
        if (Runtime.version().feature() >= 25) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                Class<?> scopedValue = Class.forName("java.lang.ScopedValue", false, null);
                Class<?> carrier = Class.forName("java.lang.ScopedValue$Carrier", false, null);
                MethodType objectOfObject = MethodType.methodType(Object.class, Object.class);
                newInstance = lookup.findStatic(scopedValue, "newInstance", MethodType.methodType(scopedValue))
                        .asType(MethodType.methodType(Object.class));
                get = lookup.findVirtual(scopedValue, "get", MethodType.methodType(Object.class)).asType(objectOfObject);
                isBound = lookup.findVirtual(scopedValue, "isBound", MethodType.methodType(boolean.class))
                        .asType(MethodType.methodType(boolean.class, Object.class));
                orElse = lookup.findVirtual(scopedValue, "orElse", MethodType.methodType(Object.class, Object.class))
                        .asType(MethodType.methodType(Object.class, Object.class, Object.class));
                where = lookup.findStatic(scopedValue, "where", MethodType.methodType(carrier, scopedValue, Object.class))
                        .asType(MethodType.methodType(Object.class, Object.class, Object.class));
                run = lookup.findVirtual(carrier, "run", MethodType.methodType(void.class, Runnable.class))
                        .asType(MethodType.methodType(void.class, Object.class, Runnable.class));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError unusable) {
                // A JDK 25+ without the final API (a build that changed it): the ThreadLocal-backed keys keep every
                // rule, so falling back is correct, and says so once.
                System.err.println("localdrop: warning: java.lang.ScopedValue is unusable on JDK " + Runtime.version()
                        + " (" + unusable + "); scoped keys use a ThreadLocal instead");
                newInstance = null;
            }
        }
        AVAILABLE = newInstance != null;
        NEW_INSTANCE = AVAILABLE ? newInstance : null;
        GET = AVAILABLE ? get : null;
        IS_BOUND = AVAILABLE ? isBound : null;
        OR_ELSE = AVAILABLE ? orElse : null;
        WHERE = AVAILABLE ? where : null;
        RUN = AVAILABLE ? run : null;
    }

    private ScopedValueHandles() {
    }

    /** Rethrows what a handle threw as it was: the handles only ever throw what the JDK methods or operations do. */
    @SuppressWarnings("unchecked")
    public static <E extends Throwable> RuntimeException rethrow(Throwable thrown) throws E {
        throw (E) thrown;
    }
}
