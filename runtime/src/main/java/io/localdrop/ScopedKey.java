package io.localdrop;

import io.localdrop.internal.CallerNames;

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
 * <p>Only the runtime implements this interface (it is sealed), by a record so that the JIT treats what the key
 * reads as a constant: on JDK 25 and later a {@code java.lang.ScopedValue} (so {@link #get()} costs what
 * {@code ScopedValue.get} costs), before that a ThreadLocal (what {@code ThreadLocal.get} costs). The rules are the
 * same on every JDK (see {@code docs/benchmarks.md} for the costs).
 *
 * @param <T> the value type
 */
public sealed interface ScopedKey<T> permits ScopedKeyRecord, ScopedValueKey {
    /** A key named after the class and line that created it. */
    static <T> ScopedKey<T> newInstance() {
        return ScopedKeyRecord.create(CallerNames.creationSite("ScopedKey"));
    }

    /**
     * A key with a name used in every message about it.
     *
     * @throws NullPointerException     if {@code name} is null
     * @throws IllegalArgumentException if {@code name} is blank
     */
    static <T> ScopedKey<T> named(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("scoped key name must not be blank");
        }
        return ScopedKeyRecord.create(name);
    }

    /** @return the given name, or a generated one naming the class and line that created the key */
    String name();

    /**
     * Binds {@code value} on the current thread while {@code operation} runs (rule 13).
     *
     * @throws NullPointerException if {@code value} or {@code operation} is null
     */
    void run(T value, Runnable operation);

    /**
     * Binds {@code value} on the current thread while {@code operation} runs, and returns its result (rule 13).
     *
     * @throws NullPointerException if {@code value} or {@code operation} is null
     */
    <R> R call(T value, Supplier<? extends R> operation);

    /**
     * The value bound on the current thread by the innermost {@link #run}/{@link #call}.
     *
     * @throws java.util.NoSuchElementException if no binding is in force on this thread (rule 15)
     */
    T get();

    /**
     * Applies {@code action} to the bound value.
     *
     * @throws java.util.NoSuchElementException if no binding is in force on this thread (rule 15)
     */
    default <R> R with(Function<? super T, ? extends R> action) {
        Objects.requireNonNull(action, "action");
        return action.apply(get());
    }

    /** Whether a binding is in force on the current thread. Never throws. */
    boolean isSet();

    /** The bound value, or {@code other} when none is in force. Never throws; {@code other} may be null. */
    T orElse(T other);
}
