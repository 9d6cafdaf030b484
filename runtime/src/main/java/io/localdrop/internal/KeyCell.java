package io.localdrop.internal;

import io.localdrop.AccessError;
import io.localdrop.Destructor;
import io.localdrop.KeyState;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The per-thread storage of one owned key, and every state transition of it.
 *
 * <p>It is a {@code ThreadLocal} itself so that reading a value costs what {@code ThreadLocal.get} costs
 * plus two identity comparisons: the cell holds the value directly, {@code null} when uninitialized, or a
 * {@link Tombstone} during and after destruction. Registration for destruction at thread exit goes to
 * the thread's {@link ThreadRecord} and happens only on the slow path, when a value is first installed.
 *
 * @param <T> the value type
 */
public final class KeyCell<T> extends ThreadLocal<Object> {
    private final String name;
    private final Supplier<? extends T> initializer;
    private final Destructor<? super T> destructor;

    public KeyCell(String name, Supplier<? extends T> initializer, Destructor<? super T> destructor) {
        this.name = name;
        this.initializer = initializer;
        this.destructor = destructor;
    }

    /**
     * True for the markers a cell holds instead of a value during and after destruction. A type check of a final
     * class rather than two identity comparisons with the two tombstones: every caller of a generic key casts the
     * value to its type, which loads the value's class anyway, and C2 then needs no branch at all for this check
     * where the profile has seen one value class (the class it checks for the cast is not Tombstone), and at most
     * one compare of the loaded class otherwise; two identity comparisons are always two branches
     * (docs/benchmarks.md, "Why the keys are records").
     */
    public static boolean isTombstone(Object seen) {
        return seen instanceof Tombstone;
    }

    public String name() {
        return name;
    }

    /** The slow path of {@code get}: {@code seen} was not a value. */
    @SuppressWarnings("unchecked")
    public T initialize(Object seen) {
        if (seen instanceof Tombstone) {
            throw new AccessError(name, ((Tombstone) seen).state);
        }
        ThreadRecord record = ThreadRecord.current();
        T value = initializer.get();
        requireValue(value, "its initializer returned null");
        Object now = get();
        if (now == null) {
            set(value);
            record.register(this);
            return value;
        }
        if (now instanceof Tombstone) {
            // The initializer destroyed its own key (for example through destroyAll): nowhere to put the value.
            record.destroy(this, value);
            throw new AccessError(name, ((Tombstone) now).state);
        }
        // Rule 3: the initializer used this key, so an inner value is installed already. The outer value
        // wins; the inner one is destroyed while the key is ALIVE with the outer value (as Rust does).
        set(value);
        record.destroy(this, (T) now);
        return value;
    }

    /** Rule 10: {@code set}. */
    @SuppressWarnings("unchecked")
    public void put(T value) {
        requireValue(value, "set(null) is not allowed");
        Object old = get();
        checkUsable(old);
        set(value);
        if (old == null) {
            ThreadRecord.current().register(this);
        } else {
            ThreadRecord.current().destroy(this, (T) old);
        }
    }

    /** Rule 10: {@code replace}. */
    @SuppressWarnings("unchecked")
    public T exchange(T value) {
        requireValue(value, "replace(null) is not allowed");
        Object old = get();
        checkUsable(old);
        set(value);
        if (old == null) {
            ThreadRecord.current().register(this);
        }
        return (T) old;
    }

    /** Rule 10: {@code take}. */
    @SuppressWarnings("unchecked")
    public T takeValue() {
        Object old = get();
        checkUsable(old);
        if (old != null) {
            remove();
            ThreadRecord.current().unregister(this);
        }
        return (T) old;
    }

    /** Rule 10: {@code remove} destroys at once; the key is DESTROYING meanwhile, then UNINITIALIZED. */
    @SuppressWarnings("unchecked")
    public void destroyValue() {
        Object old = get();
        checkUsable(old);
        if (old == null) {
            return;
        }
        ThreadRecord record = ThreadRecord.current();
        record.unregister(this);
        set(Tombstone.DESTROYING);
        try {
            record.destroy(this, (T) old);
        } finally {
            remove();
        }
    }

    public KeyState stateOf(Object seen) {
        if (seen == null) {
            return KeyState.UNINITIALIZED;
        }
        return seen instanceof Tombstone ? ((Tombstone) seen).state : KeyState.ALIVE;
    }

    /** Thread exit and destroyAll: destroys the current value, if there is one, leaving the given state. */
    @SuppressWarnings("unchecked")
    boolean destroyForExit(ThreadRecord record, boolean finalExit) {
        Object value = get();
        if (value == null || value instanceof Tombstone) {
            return false;
        }
        set(Tombstone.DESTROYING);
        try {
            record.destroy(this, (T) value);
        } finally {
            if (finalExit) {
                set(Tombstone.DESTROYED);
            } else {
                remove();
            }
        }
        return true;
    }

    /** Runs the destructor; failures are the caller's (the failure policy's) business. */
    void runDestructor(T value) throws Exception {
        destructor.destroy(value);
    }

    /** Forgets a value without destroying it (rule 8's leak during destroyAll). */
    void forget() {
        if (!(get() instanceof Tombstone)) {
            remove();
        }
    }

    private void checkUsable(Object seen) {
        if (seen instanceof Tombstone) {
            throw new AccessError(name, ((Tombstone) seen).state);
        }
    }

    private void requireValue(T value, String why) {
        Objects.requireNonNull(value, () -> "owned key '" + name + "': values are never null, but " + why);
    }

    @Override
    public String toString() {
        return "OwnedKey[" + name + "]";
    }
}
