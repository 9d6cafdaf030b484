package io.localdrop.it.diagnose;

/** The examples module's LeakyPool, run as it is (the demo's program). */
public final class LeakyPoolCheck {
    public static void main(String[] args) throws Exception {
        io.localdrop.examples.LeakyPool.main(args);
    }
}
