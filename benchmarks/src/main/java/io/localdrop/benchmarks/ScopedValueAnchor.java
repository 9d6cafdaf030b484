package io.localdrop.benchmarks;

import io.localdrop.internal.ScopedValueHandles;

import java.lang.invoke.MethodHandle;

/**
 * A raw {@code java.lang.ScopedValue} (final in JDK 25) for {@link KeyAccessBenchmark}, while this module compiles for
 * JDK 17: the runtime's own method handles ({@link ScopedValueHandles}), which the JIT inlines like direct calls (the
 * handles and the key are static finals, so constants). Before JDK 25 {@link #AVAILABLE} is false and nothing else
 * may be used.
 */
final class ScopedValueAnchor {
    static final boolean AVAILABLE = ScopedValueHandles.AVAILABLE;
    /** A {@code ScopedValue<Object>}; null before JDK 25. */
    static final Object KEY = AVAILABLE ? newKey() : null;
    /** {@code ScopedValue.get()}, as {@code (Object) Object}. */
    static final MethodHandle GET = ScopedValueHandles.GET;

    private ScopedValueAnchor() {
    }

    private static Object newKey() {
        try {
            return (Object) ScopedValueHandles.NEW_INSTANCE.invokeExact();
        } catch (Throwable failed) {
            throw new ExceptionInInitializerError(failed);
        }
    }

    /** {@code body} run with {@link #KEY} bound to {@code value} for its whole duration. */
    static Runnable bound(Object value, Runnable body) {
        if (!AVAILABLE) {
            throw new IllegalStateException("ScopedValue needs JDK 25; this is " + Runtime.version());
        }
        return () -> {
            try {
                ScopedValueHandles.RUN.invokeExact((Object) ScopedValueHandles.WHERE.invokeExact(KEY, value), body);
            } catch (Throwable failure) {
                throw ScopedValueHandles.rethrow(failure);
            }
        };
    }

    static boolean isBound() throws Throwable {
        return AVAILABLE && (boolean) ScopedValueHandles.IS_BOUND.invokeExact(KEY);
    }
}
