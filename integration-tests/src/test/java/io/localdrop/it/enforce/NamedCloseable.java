package io.localdrop.it.enforce;

/** An AutoCloseable fixture value that prints "closed NAME" on stdout, so a test can read the closing order. */
final class NamedCloseable implements AutoCloseable {
    private final String name;

    NamedCloseable(String name) {
        this.name = name;
    }

    @Override
    public void close() {
        System.out.println("closed " + name);
    }
}
