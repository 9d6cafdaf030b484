package io.localdrop;

import io.localdrop.internal.Config;
import io.localdrop.internal.KeyCell;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one implementation of {@link OwnedKey}: a record over the key's per-thread cell.
 *
 * <p>Why a record: HotSpot treats the final fields of records as constants (it does not for ordinary final
 * instance fields), so for a key in a static final field the JIT folds {@code cell} away and {@link #get()} is
 * {@code ThreadLocal.get} on a constant, as for a plain {@code ThreadLocal}, plus the value checks. The class is
 * package-private, so its accessor and its component-based {@code equals} are not API (and compare the cell by
 * identity anyway).
 *
 * @param cell the key's per-thread storage and state transitions
 */
record OwnedKeyRecord<T>(KeyCell<T> cell) implements OwnedKey<T> {
    static final Destructor<Object> CLOSE_IF_CLOSEABLE = value -> {
        if (value instanceof AutoCloseable) {
            ((AutoCloseable) value).close();
        }
    };

    static <T> OwnedKey<T> create(String name, Supplier<? extends T> initializer, Destructor<? super T> destructor) {
        Config.validate();
        return new OwnedKeyRecord<>(new KeyCell<>(name, initializer, destructor));
    }

    @Override
    public String name() {
        return cell.name();
    }

    @Override
    @SuppressWarnings("unchecked")
    public T get() {
        Object value = cell.get();
        if (value != null && !KeyCell.isTombstone(value)) {
            return (T) value;
        }
        return cell.initialize(value);
    }

    @Override
    public boolean tryWith(Consumer<? super T> action) {
        Objects.requireNonNull(action, "action");
        Object value = cell.get();
        if (KeyCell.isTombstone(value)) {
            return false;
        }
        action.accept(valueOrInitialize(value));
        return true;
    }

    @Override
    public Optional<T> tryGet() {
        Object value = cell.get();
        if (KeyCell.isTombstone(value)) {
            return Optional.empty();
        }
        return Optional.of(valueOrInitialize(value));
    }

    /**
     * The rest of {@link #get()} once the cell was read (and seen not to be a tombstone): one ThreadLocal read
     * per tryWith/tryGet instead of two, and no Optional in tryWith.
     */
    @SuppressWarnings("unchecked")
    private T valueOrInitialize(Object seen) {
        return seen != null ? (T) seen : cell.initialize(null);
    }

    @Override
    public void set(T value) {
        cell.put(value);
    }

    @Override
    public T replace(T value) {
        return cell.exchange(value);
    }

    @Override
    public T take() {
        return cell.takeValue();
    }

    @Override
    public void remove() {
        cell.destroyValue();
    }

    @Override
    public KeyState state() {
        return cell.stateOf(cell.get());
    }

    @Override
    public String toString() {
        return "OwnedKey[" + name() + "]";
    }
}
