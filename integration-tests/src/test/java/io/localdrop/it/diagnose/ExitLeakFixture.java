package io.localdrop.it.diagnose;

/** A thread opens a resource into a ThreadLocal and exits without closing it. */
public final class ExitLeakFixture {
    static final ThreadLocal<Connection> CONNECTION = new ThreadLocal<>(); // exit-created

    /** A stand-in for a JDBC connection or a native buffer. */
    static final class Connection implements AutoCloseable {
        @Override
        public void close() {
            System.out.println("closed (must not happen in diagnose)");
        }
    }

    public static void main(String[] args) throws Exception {
        Thread worker = new Thread(() -> CONNECTION.set(new Connection()), "exiting-worker"); // exit-set
        worker.start();
        worker.join();
        System.out.println("worker ended");
    }
}
