package io.localdrop.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * {@code java.lang.ScopedValue} (final in JDK 25) for {@link KeyAccessBenchmark}, while this module compiles for
 * JDK 17: the key and its methods are found once through method handles, which the JIT inlines like direct calls
 * (the handles and the key are static finals, so constants). Before JDK 25 {@link #AVAILABLE} is false and nothing
 * else may be used.
 */
final class ScopedValueAnchor {
    static final boolean AVAILABLE;
    /** A {@code ScopedValue<Object>}; null before JDK 25. */
    static final Object KEY;
    /** {@code ScopedValue.get()}, adapted to {@code (Object) Object}. */
    static final MethodHandle GET;
    /** {@code ScopedValue.isBound()}, adapted to {@code (Object) boolean}. */
    static final MethodHandle IS_BOUND;
    /** {@code ScopedValue.where(key, value)}, adapted to {@code (Object, Object) Object}. */
    private static final MethodHandle WHERE;
    /** {@code ScopedValue.Carrier.run(Runnable)}, adapted to {@code (Object, Runnable) void}. */
    private static final MethodHandle RUN;

    static {
        Object key = null;
        MethodHandle get = null;
        MethodHandle isBound = null;
        MethodHandle where = null;
        MethodHandle run = null;
        if (Runtime.version().feature() >= 25) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                Class<?> scopedValue = Class.forName("java.lang.ScopedValue");
                Class<?> carrier = Class.forName("java.lang.ScopedValue$Carrier");
                key = lookup.findStatic(scopedValue, "newInstance", MethodType.methodType(scopedValue)).invoke();
                get = lookup.findVirtual(scopedValue, "get", MethodType.methodType(Object.class))
                        .asType(MethodType.methodType(Object.class, Object.class));
                isBound = lookup.findVirtual(scopedValue, "isBound", MethodType.methodType(boolean.class))
                        .asType(MethodType.methodType(boolean.class, Object.class));
                where = lookup.findStatic(scopedValue, "where", MethodType.methodType(carrier, scopedValue, Object.class))
                        .asType(MethodType.methodType(Object.class, Object.class, Object.class));
                run = lookup.findVirtual(carrier, "run", MethodType.methodType(void.class, Runnable.class))
                        .asType(MethodType.methodType(void.class, Object.class, Runnable.class));
            } catch (Throwable missing) {
                throw new ExceptionInInitializerError("JDK " + Runtime.version() + " should have java.lang.ScopedValue: " + missing);
            }
        }
        AVAILABLE = key != null;
        KEY = key;
        GET = get;
        IS_BOUND = isBound;
        WHERE = where;
        RUN = run;
    }

    private ScopedValueAnchor() {
    }

    /** {@code body} run with {@link #KEY} bound to {@code value} for its whole duration. */
    static Runnable bound(Object value, Runnable body) {
        if (!AVAILABLE) {
            throw new IllegalStateException("ScopedValue needs JDK 25; this is " + Runtime.version());
        }
        return () -> {
            try {
                RUN.invokeExact(WHERE.invokeExact(KEY, value), body);
            } catch (RuntimeException | Error failure) {
                throw failure;
            } catch (Throwable checked) {
                throw new IllegalStateException(checked);
            }
        };
    }

    static boolean isBound() throws Throwable {
        return AVAILABLE && (boolean) IS_BOUND.invokeExact(KEY);
    }
}
