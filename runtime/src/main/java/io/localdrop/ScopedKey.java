package io.localdrop;

import io.localdrop.internal.CallerNames;

import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A non-owning per-thread binding that holds a value only while an operation runs: the scoped key of the
 * thread-local storage RFC, in the spirit of {@code java.lang.ScopedValue} (which needs JDK 25).
 *
 * <pre>{@code
 * static final ScopedKey<User> USER = ScopedKey.named("current user");
 *
 * USER.run(alice, () -> service.handle());   // inside handle(): USER.get() == alice
 * }</pre>
 *
 * <ul>
 *   <li>Rule 13: {@link #run} and {@link #call} bind the value for the operation's duration; a nested
 *       binding of the same key shadows the outer one; on return, normal or by exception, the previous
 *       binding (or none) is restored.</li>
 *   <li>Rule 14: a binding is visible only on the thread that made it: not in threads it starts, nor in
 *       tasks it submits.</li>
 *   <li>Rule 15: {@link #get} and {@link #with} outside any binding throw {@link NoSuchElementException}
 *       naming the key; {@link #isSet} and {@link #orElse} never throw. Null values are rejected.</li>
 * </ul>
 * The key owns nothing: no destructor runs when a binding ends.
 *
 * @param <T> the value type
 */
public final class ScopedKey<T> {
    private final String name;
    private final ThreadLocal<Object> binding = new ThreadLocal<>();

    private ScopedKey(String name) {
        this.name = name;
    }

    /** A key named after the class and line that created it. */
    public static <T> ScopedKey<T> newInstance() {
        return new ScopedKey<>(CallerNames.creationSite("ScopedKey"));
    }

    /**
     * A key with a name used in every message about it.
     *
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    public static <T> ScopedKey<T> named(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("scoped key name must not be blank");
        }
        return new ScopedKey<>(name);
    }

    /** @return the given name, or a generated one naming the class and line that created the key */
    public String name() {
        return name;
    }

    /**
     * Binds {@code value} on the current thread while {@code operation} runs (rule 13).
     *
     * @throws NullPointerException if {@code value} or {@code operation} is null
     */
    public void run(T value, Runnable operation) {
        requireValue(value);
        Objects.requireNonNull(operation, "operation");
        Object previous = binding.get();
        binding.set(value);
        try {
            operation.run();
        } finally {
            restore(previous);
        }
    }

    /**
     * Binds {@code value} on the current thread while {@code operation} runs, and returns its result (rule 13).
     *
     * @throws NullPointerException if {@code value} or {@code operation} is null
     */
    public <R> R call(T value, Supplier<? extends R> operation) {
        requireValue(value);
        Objects.requireNonNull(operation, "operation");
        Object previous = binding.get();
        binding.set(value);
        try {
            return operation.get();
        } finally {
            restore(previous);
        }
    }

    /**
     * The value bound on the current thread by the innermost {@link #run}/{@link #call}.
     *
     * @throws NoSuchElementException if no binding is in force on this thread (rule 15)
     */
    @SuppressWarnings("unchecked")
    public T get() {
        Object value = binding.get();
        if (value == null) {
            throw unbound();
        }
        return (T) value;
    }

    /**
     * Applies {@code action} to the bound value.
     *
     * @throws NoSuchElementException if no binding is in force on this thread (rule 15)
     */
    public <R> R with(Function<? super T, ? extends R> action) {
        Objects.requireNonNull(action, "action");
        return action.apply(get());
    }

    /** Whether a binding is in force on the current thread. Never throws. */
    public boolean isSet() {
        return binding.get() != null;
    }

    /** The bound value, or {@code other} when none is in force. Never throws; {@code other} may be null. */
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

    private void requireValue(T value) {
        Objects.requireNonNull(value, () -> "scoped key '" + name + "': values are never null");
    }

    private NoSuchElementException unbound() {
        return new NoSuchElementException("scoped key '" + name + "' is not bound on thread '"
                + Thread.currentThread().getName() + "': call get() inside run(value, ...) or call(value, ...)");
    }

    @Override
    public String toString() {
        return "ScopedKey[" + name + "]";
    }
}
