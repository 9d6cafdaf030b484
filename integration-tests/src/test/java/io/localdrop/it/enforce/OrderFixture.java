package io.localdrop.it.enforce;

import java.util.function.Consumer;

/**
 * "Last stored, first closed" across the ways a value gets in: set (A, then D), an anonymous subclass's
 * initialValue (B), withInitial (C), and a store the agent cannot see (E, through a method reference, stored last
 * but of unknown order, so closed after every known one). Expected close order: D, C, B, A, E.
 */
public final class OrderFixture {
    static final ThreadLocal<Named> A = new ThreadLocal<>();
    static final ThreadLocal<Named> B = new ThreadLocal<>() {
        @Override
        protected Named initialValue() {
            return new Named("B");
        }
    };
    static final ThreadLocal<Named> C = ThreadLocal.withInitial(() -> new Named("C"));
    static final ThreadLocal<Named> D = new ThreadLocal<>();
    static final ThreadLocal<Named> E = new ThreadLocal<>();
    static final Consumer<Named> SET_E = E::set;

    private OrderFixture() {
    }

    public static void main(String[] args) throws Exception {
        Thread worker = new Thread(() -> {
            A.set(new Named("A"));
            B.get();
            C.get();
            D.set(new Named("D"));
            SET_E.accept(new Named("E"));
        }, "order-worker");
        worker.start();
        worker.join();
        System.out.println("joined");
    }

    static final class Named implements AutoCloseable {
        private final String name;

        Named(String name) {
            this.name = name;
        }

        @Override
        public void close() {
            System.out.println("closed " + name);
        }
    }
}
