package io.localdrop;

import io.localdrop.internal.CallerNames;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A per-thread value, lazily initialized on first use and destroyed when the thread exits.
 *
 * <p>This is the owned key of the thread-local storage RFC, with Rust's rules:
 * <ol>
 *   <li>The first {@link #get}, {@link #with}, {@link #tryWith} or {@link #tryGet} on a thread runs the
 *       initializer on that thread (lazy init). An exception from the initializer propagates unchanged and
 *       the key stays {@link KeyState#UNINITIALIZED UNINITIALIZED}.</li>
 *   <li>If the initializer uses its own key, the outer value wins and the inner one is destroyed at once,
 *       while the key holds the outer value (recursive init).</li>
 *   <li>When the thread exits, the destructors of its live keys run on it, last initialized first, after the
 *       thread's uncaught-exception handler and before {@code Thread.join()} returns. That needs the agent
 *       ({@code -javaagent:localdrop-agent.jar} or {@link Localdrop#install()}) or a thread started through
 *       {@link Localdrop#wrap} / {@link Localdrop#threadFactory}.</li>
 *   <li>While its destructor runs the key is {@link KeyState#DESTROYING DESTROYING}, and after thread-exit
 *       destruction {@link KeyState#DESTROYED DESTROYED} for good: every access throws {@link AccessError}.</li>
 *   <li>A destructor may use other keys; keys it initializes are destroyed later in the same exit, up to
 *       {@code maxDestructorRounds} generations (default 4, system property
 *       {@code localdrop.maxDestructorRounds}, 1..64). Values beyond are leaked with one warning.</li>
 *   <li>A destructor that throws aborts the process (exit status 134) unless
 *       {@code localdrop.onDestructorFailure=log}.</li>
 * </ol>
 * Values are never null. A key is cheap to read: {@link #get()} costs one {@code ThreadLocal.get} and two
 * identity comparisons when the key sits in a static final field, as keys usually do.
 *
 * <p>Only the runtime implements this interface (it is sealed); the methods above are the whole API. It is an
 * interface over a record so that the JIT treats the key's per-thread cell as a constant (see
 * {@code docs/benchmarks.md}).
 *
 * @param <T> the value type
 */
public sealed interface OwnedKey<T> permits OwnedKeyRecord {
    /**
     * A key whose destructor closes the value if it is an {@link AutoCloseable}, and otherwise does nothing.
     *
     * @param initializer creates the value on each thread's first use
     * @throws NullPointerException     if {@code initializer} is null
     * @throws IllegalArgumentException if a localdrop system property has a bad value
     */
    static <T> OwnedKey<T> withInitial(Supplier<? extends T> initializer) {
        Objects.requireNonNull(initializer, "initializer");
        return OwnedKeyRecord.create(CallerNames.creationSite("OwnedKey"), initializer, OwnedKeyRecord.CLOSE_IF_CLOSEABLE);
    }

    /**
     * A key with the given destructor.
     *
     * @throws NullPointerException     if {@code initializer} or {@code destructor} is null
     * @throws IllegalArgumentException if a localdrop system property has a bad value
     */
    static <T> OwnedKey<T> withInitial(Supplier<? extends T> initializer, Destructor<? super T> destructor) {
        Objects.requireNonNull(initializer, "initializer");
        Objects.requireNonNull(destructor, "destructor");
        return OwnedKeyRecord.create(CallerNames.creationSite("OwnedKey"), initializer, destructor);
    }

    /**
     * A key with a name used in every message, error and report about it.
     *
     * @throws NullPointerException     if any argument is null (the message names it and, when known, the key)
     * @throws IllegalArgumentException if {@code name} is blank, or a localdrop system property has a bad value
     */
    static <T> OwnedKey<T> named(String name, Supplier<? extends T> initializer, Destructor<? super T> destructor) {
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("owned key name must not be blank");
        }
        Objects.requireNonNull(initializer, () -> "initializer of owned key '" + name + "'");
        Objects.requireNonNull(destructor, () -> "destructor of owned key '" + name + "'");
        return OwnedKeyRecord.create(name, initializer, destructor);
    }

    /** @return the given name, or a generated one naming the class and line that created the key */
    String name();

    /**
     * The current thread's value, initialized first if needed (rules 1 to 3).
     *
     * @throws AccessError if the key is DESTROYING or DESTROYED on this thread (rules 5, 6)
     * @throws NullPointerException if the initializer returns null
     */
    T get();

    /**
     * Applies {@code action} to the current thread's value: the RFC's closure form of {@link #get()}.
     *
     * @throws AccessError as {@link #get()} does
     */
    default <R> R with(Function<? super T, ? extends R> action) {
        Objects.requireNonNull(action, "action");
        return action.apply(get());
    }

    /**
     * Like {@link #with} but returns false, without running {@code action}, while the key is DESTROYING or
     * DESTROYED on this thread.
     *
     * @return whether {@code action} ran
     */
    boolean tryWith(Consumer<? super T> action);

    /** Like {@link #get()} but empty while the key is DESTROYING or DESTROYED on this thread. */
    Optional<T> tryGet();

    /**
     * Replaces the value (rule 10). On an UNINITIALIZED key the initializer does not run. The previous value,
     * if any, is destroyed after the new one is installed.
     *
     * @throws NullPointerException if {@code value} is null
     * @throws AccessError          if the key is DESTROYING or DESTROYED on this thread
     */
    void set(T value);

    /**
     * Replaces the value and hands the previous one to the caller, who now owns it: it is not destroyed.
     *
     * @return the previous value, or null if the key was UNINITIALIZED
     * @throws NullPointerException if {@code value} is null
     * @throws AccessError          if the key is DESTROYING or DESTROYED on this thread
     */
    T replace(T value);

    /**
     * Removes the value and hands it to the caller without destroying it; the key becomes UNINITIALIZED.
     *
     * @return the value, or null if there was none (nothing is initialized)
     * @throws AccessError if the key is DESTROYING or DESTROYED on this thread
     */
    T take();

    /**
     * Removes the value and destroys it now. During the destructor the key is DESTROYING; afterwards
     * UNINITIALIZED and usable again.
     *
     * @throws AccessError if the key is DESTROYING or DESTROYED on this thread
     */
    void remove();

    /** This key's state on the current thread. Never throws. */
    KeyState state();
}
