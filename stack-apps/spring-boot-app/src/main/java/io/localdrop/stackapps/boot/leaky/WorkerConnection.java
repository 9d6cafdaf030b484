package io.localdrop.stackapps.boot.leaky;

/** A stand-in for a per-thread connection: something that must be closed, and never is. */
public final class WorkerConnection implements AutoCloseable {

    static final ThreadLocal<WorkerConnection> HELD = new ThreadLocal<>();

    private volatile boolean closed;

    @Override
    public void close() {
        closed = true;
    }
}
