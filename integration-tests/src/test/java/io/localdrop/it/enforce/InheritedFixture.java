package io.localdrop.it.enforce;

/**
 * An InheritableThreadLocal's value is the same object in the parent and in the child that inherited it: the
 * child's exit must not close what the parent still uses. The parent, which stored it, closes it when it ends.
 */
public final class InheritedFixture {
    static final InheritableThreadLocal<Shared> SHARED = new InheritableThreadLocal<>();

    private InheritedFixture() {
    }

    public static void main(String[] args) throws Exception {
        Shared shared = new Shared();
        SHARED.set(shared);
        Thread child = new Thread(() -> System.out.println("child sees the parent's object="
                + (SHARED.get() == shared)), "child");
        child.start();
        child.join();
        System.out.println("after the child's exit closed=" + shared.closed);
    }

    static final class Shared implements AutoCloseable {
        volatile boolean closed;

        @Override
        public void close() {
            closed = true;
            System.out.println("closed on " + Thread.currentThread().getName());
        }
    }
}
