package io.localdrop.it.enforce;

import java.util.function.Consumer;

/**
 * "Last stored, first closed" across the ways a value gets in: set (A, then D), an anonymous subclass's
 * initialValue (B), withInitial (C), and a store the agent cannot see (E, through a method reference, stored last
 * but of unknown order, so closed after every known one). Expected close order: D, C, B, A, E.
 */
public final class OrderFixture {
    static final ThreadLocal<NamedCloseable> A = new ThreadLocal<>();
    static final ThreadLocal<NamedCloseable> B = new ThreadLocal<>() {
        @Override
        protected NamedCloseable initialValue() {
            return new NamedCloseable("B");
        }
    };
    static final ThreadLocal<NamedCloseable> C = ThreadLocal.withInitial(() -> new NamedCloseable("C"));
    static final ThreadLocal<NamedCloseable> D = new ThreadLocal<>();
    static final ThreadLocal<NamedCloseable> E = new ThreadLocal<>();
    static final Consumer<NamedCloseable> SET_E = E::set;

    private OrderFixture() {
    }

    public static void main(String[] args) throws Exception {
        Thread worker = new Thread(() -> {
            A.set(new NamedCloseable("A"));
            B.get();
            C.get();
            D.set(new NamedCloseable("D"));
            SET_E.accept(new NamedCloseable("E"));
        }, "order-worker");
        worker.start();
        worker.join();
        System.out.println("joined");
    }
}
