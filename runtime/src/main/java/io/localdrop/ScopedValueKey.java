package io.localdrop;

import io.localdrop.internal.ScopedValueHandles;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link ScopedKey} on JDK 25 and later: a record over a {@code java.lang.ScopedValue}, which keeps rules 13 to 15 by
 * itself (a binding lasts for the operation, nested ones shadow, and neither started threads nor submitted tasks
 * inherit it), and whose {@code get} the JIT makes as cheap as a field read while a binding is in force. The record
 * (whose fields HotSpot folds) and the static final handles of {@link ScopedValueHandles} make a key in a static
 * final field a constant down to the ScopedValue. Null values are rejected here, as by the ThreadLocal-backed keys.
 *
 * @param name  the key's name, in every message about it
 * @param value the {@code ScopedValue<Object>} (typed Object: the runtime compiles for JDK 17)
 */
record ScopedValueKey<T>(String name, Object value) implements ScopedKey<T> {
    /** What {@link #orElse} asks ScopedValue for when unbound: never a value (null values are rejected anyway). */
    private static final Object UNBOUND = new Object();

    static <T> ScopedKey<T> create(String name) {
        try {
            return new ScopedValueKey<>(name, (Object) ScopedValueHandles.NEW_INSTANCE.invokeExact());
        } catch (Throwable thrown) {
            throw ScopedValueHandles.rethrow(thrown);
        }
    }

    @Override
    public void run(T bound, Runnable operation) {
        ScopedKeyRecord.requireValue(name, bound);
        Objects.requireNonNull(operation, "operation");
        try {
            ScopedValueHandles.RUN.invokeExact(carrierOf(bound), operation);
        } catch (Throwable thrown) {
            throw ScopedValueHandles.rethrow(thrown);
        }
    }

    @Override
    public <R> R call(T bound, Supplier<? extends R> operation) {
        ScopedKeyRecord.requireValue(name, bound);
        Objects.requireNonNull(operation, "operation");
        Object[] result = new Object[1];
        Runnable operationStoringItsResult = () -> result[0] = operation.get();
        try {
            ScopedValueHandles.RUN.invokeExact(carrierOf(bound), operationStoringItsResult);
        } catch (Throwable thrown) {
            throw ScopedValueHandles.rethrow(thrown);
        }
        @SuppressWarnings("unchecked")
        R returned = (R) result[0];
        return returned;
    }

    private Object carrierOf(T bound) throws Throwable {
        return (Object) ScopedValueHandles.WHERE.invokeExact(value, (Object) bound);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get() {
        try {
            return (T) (Object) ScopedValueHandles.GET.invokeExact(value);
        } catch (NoSuchElementException unbound) {
            throw ScopedKeyRecord.unbound(name);
        } catch (Throwable thrown) {
            throw ScopedValueHandles.rethrow(thrown);
        }
    }

    @Override
    public boolean isSet() {
        try {
            return (boolean) ScopedValueHandles.IS_BOUND.invokeExact(value);
        } catch (Throwable thrown) {
            throw ScopedValueHandles.rethrow(thrown);
        }
    }

    /**
     * One lookup of the binding, not {@code isBound} then {@code get}: {@code ScopedValue.orElse} with a marker of this
     * class standing for "unbound" (ScopedValue refuses a null {@code other}, which this method accepts).
     */
    @Override
    @SuppressWarnings("unchecked")
    public T orElse(T other) {
        Object bound;
        try {
            bound = (Object) ScopedValueHandles.OR_ELSE.invokeExact(value, UNBOUND);
        } catch (Throwable thrown) {
            throw ScopedValueHandles.rethrow(thrown);
        }
        return bound == UNBOUND ? other : (T) bound;
    }

    @Override
    public String toString() {
        return "ScopedKey[" + name + "]";
    }
}
