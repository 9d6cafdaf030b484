package io.localdrop.agent.enforce;

import java.util.function.Supplier;

/**
 * The supplier enforce hands to {@code ThreadLocal.withInitial} in place of the application's: it calls the
 * application's supplier, then records the initial value's store order ("last stored, first closed"). The JDK's
 * {@code SuppliedThreadLocal.initialValue} is not rewritten, so this is where a withInitial value is seen born.
 */
final class OrderedSupplier<T> implements Supplier<T> {
    private final Supplier<? extends T> supplier;
    /** Set right after the ThreadLocal is constructed; it holds this supplier, so the cycle costs the GC nothing. */
    volatile ThreadLocal<T> threadLocal;

    OrderedSupplier(Supplier<? extends T> supplier) {
        this.supplier = supplier;
    }

    @Override
    public T get() {
        T value = supplier.get();
        ThreadLocal<T> owner = threadLocal;
        if (owner != null) {
            EnforceHooks.initialized(value, owner);
        }
        return value;
    }
}
