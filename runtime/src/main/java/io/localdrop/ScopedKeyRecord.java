package io.localdrop;

import io.localdrop.internal.ScopedValueHandles;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link ScopedKey} before JDK 25 (see {@link ScopedValueKey} for 25 and later): a record over the key's name and
 * per-thread binding slot.
 *
 * <p>A record because HotSpot treats its final fields as constants: for a key in a static final field the JIT
 * folds {@code binding} away, so {@link #get()} is {@code ThreadLocal.get} on a constant plus a null check.
 * Package-private: the accessors and the component-based {@code equals} are not API (and the slot is unique to
 * the key, so equality is identity in effect).
 *
 * @param name    the key's name, in every message about it
 * @param binding the innermost binding of the current thread, or null outside any
 */
record ScopedKeyRecord<T>(String name, ThreadLocal<Object> binding) implements ScopedKey<T> {
    /** A key backed by {@code java.lang.ScopedValue} where the JDK has it (25+), by a ThreadLocal otherwise. */
    static <T> ScopedKey<T> create(String name) {
        return ScopedValueHandles.AVAILABLE ? ScopedValueKey.create(name) : new ScopedKeyRecord<>(name, new ThreadLocal<>());
    }

    @Override
    public void run(T value, Runnable operation) {
        requireValue(name, value);
        Objects.requireNonNull(operation, "operation");
        Object previous = binding.get();
        binding.set(value);
        try {
            operation.run();
        } finally {
            restore(previous);
        }
    }

    @Override
    public <R> R call(T value, Supplier<? extends R> operation) {
        requireValue(name, value);
        Objects.requireNonNull(operation, "operation");
        Object previous = binding.get();
        binding.set(value);
        try {
            return operation.get();
        } finally {
            restore(previous);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get() {
        Object value = binding.get();
        if (value == null) {
            throw unbound(name);
        }
        return (T) value;
    }

    @Override
    public boolean isSet() {
        return binding.get() != null;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T orElse(T other) {
        Object value = binding.get();
        return value == null ? other : (T) value;
    }

    private void restore(Object previous) {
        if (previous == null) {
            binding.remove();
        } else {
            binding.set(previous);
        }
    }

    /** Rule 15: null values are rejected (both implementations). */
    static void requireValue(String name, Object value) {
        Objects.requireNonNull(value, () -> "scoped key '" + name + "': values are never null");
    }

    /** Rule 15: the error of get/with outside any binding (both implementations). */
    static NoSuchElementException unbound(String name) {
        return new NoSuchElementException("scoped key '" + name + "' is not bound on thread '"
                + Thread.currentThread().getName() + "': call get() inside run(value, ...) or call(value, ...)");
    }

    @Override
    public String toString() {
        return "ScopedKey[" + name + "]";
    }
}
