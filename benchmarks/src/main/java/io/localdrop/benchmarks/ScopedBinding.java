package io.localdrop.benchmarks;

import io.localdrop.ScopedKey;

import java.lang.reflect.Field;

/**
 * Holds a {@link ScopedKey} binding open on the current thread across JMH's measurement loop.
 *
 * <p>{@code ScopedKey.run} binds only for the duration of a closure, but JMH calls a benchmark method from
 * its own loop, and wrapping each call in {@code run} would measure binding as well as reading. So this
 * puts the key into exactly the state that {@code run(value, ...)} establishes (its per-thread binding
 * slot holds the value) by writing that private slot, and checks through the public API that the key now
 * reads as bound to that value. If the runtime changes how a binding is stored, {@link #open} fails with a
 * message saying so rather than measuring something else.
 */
final class ScopedBinding implements AutoCloseable {
    private final ThreadLocal<Object> slot;

    private ScopedBinding(ThreadLocal<Object> slot) {
        this.slot = slot;
    }

    static <T> ScopedBinding open(ScopedKey<T> key, T value) {
        ThreadLocal<Object> slot = slotOf(key);
        slot.set(value);
        if (!key.isSet() || key.get() != value) {
            slot.remove();
            throw new IllegalStateException("ScopedKey '" + key.name() + "' did not read as bound after writing its"
                    + " binding slot: the runtime's ScopedKey changed; update ScopedBinding");
        }
        return new ScopedBinding(slot);
    }

    @SuppressWarnings("unchecked")
    private static ThreadLocal<Object> slotOf(ScopedKey<?> key) {
        try {
            Field field = key.getClass().getDeclaredField("binding");
            field.setAccessible(true);
            return (ThreadLocal<Object>) field.get(key);
        } catch (ReflectiveOperationException | RuntimeException changed) {
            throw new IllegalStateException("cannot hold a ScopedKey binding open: expected a private"
                    + " ThreadLocal field 'binding' in the runtime's ScopedKey implementation (" + changed + ")", changed);
        }
    }

    @Override
    public void close() {
        slot.remove();
    }
}
