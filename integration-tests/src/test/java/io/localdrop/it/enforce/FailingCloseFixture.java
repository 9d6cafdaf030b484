package io.localdrop.it.enforce;

/**
 * A plain ThreadLocal value whose close() throws, between two that close normally (stored before and after it).
 * Under onDestructorFailure=abort the JVM ends with 134 at the failing close; under log it is reported and the
 * others still close. With argument {@code owned}, the thread also holds an owned key whose destructor throws.
 */
public final class FailingCloseFixture {
    static final ThreadLocal<AutoCloseable> BEFORE = new ThreadLocal<>();
    static final ThreadLocal<AutoCloseable> BROKEN = new ThreadLocal<>();
    static final ThreadLocal<AutoCloseable> AFTER = new ThreadLocal<>();

    private FailingCloseFixture() {
    }

    public static void main(String[] args) throws Exception {
        boolean withOwnedKey = args.length > 0 && args[0].equals("owned");
        io.localdrop.OwnedKey<String> owned = io.localdrop.OwnedKey.named("failing-owned-key", () -> "v", value -> {
            throw new IllegalStateException("owned key destructor fails");
        });
        Thread worker = new Thread(() -> {
            if (withOwnedKey) {
                owned.get();
            }
            BEFORE.set(new NamedCloseable("before"));
            BROKEN.set(new Broken());
            AFTER.set(new NamedCloseable("after"));
        }, "failing-worker");
        worker.start();
        worker.join();
        System.out.println("joined");
    }

    static final class Broken implements AutoCloseable {
        @Override
        public void close() throws java.io.IOException {
            throw new java.io.IOException("broken pipe in close");
        }
    }
}
