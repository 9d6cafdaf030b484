package io.localdrop.it.enforce;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A per-thread JDBC connection (a real H2 in-memory connection) kept in a plain ThreadLocal and never closed by the
 * application. Next to it, stored first (so closed last under "last stored, first closed"), an {@link Audit} whose
 * close() runs on the exiting thread and says whether the connection was closed by then; after join() the main
 * thread checks the connection itself. Modes: {@code thread}, {@code pool}, {@code virtual}.
 */
public final class ConnectionFixture {
    static final ThreadLocal<Connection> CONNECTION = new ThreadLocal<>();
    static final ThreadLocal<Audit> AUDIT = new ThreadLocal<>();

    private ConnectionFixture() {
    }

    public static void main(String[] args) throws Exception {
        List<Connection> opened = java.util.Collections.synchronizedList(new ArrayList<>());
        switch (args[0]) {
            case "thread": {
                Thread worker = new Thread(() -> open(opened), "jdbc-worker");
                worker.start();
                worker.join();
                break;
            }
            case "virtual": {
                Thread worker = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class)
                        .invoke(null, (Runnable) () -> open(opened));
                worker.join();
                break;
            }
            case "pool": {
                List<Thread> workers = java.util.Collections.synchronizedList(new ArrayList<>());
                ExecutorService pool = Executors.newFixedThreadPool(2, runnable -> {
                    Thread thread = new Thread(runnable);
                    thread.setName("jdbc-pool-" + thread.getId());
                    workers.add(thread);
                    return thread;
                });
                CountDownLatch bothBusy = new CountDownLatch(2);
                for (int i = 0; i < 2; i++) {
                    pool.execute(() -> {
                        open(opened);
                        bothBusy.countDown();
                        try {
                            bothBusy.await(); // one task per worker: both workers open a connection
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                        }
                    });
                }
                pool.shutdown();
                if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("pool did not terminate");
                }
                // awaitTermination returns once the workers left the pool, which is before their threads exit:
                // join() is what waits for a thread's exit (and so for the agent's closing on it)
                for (Thread worker : workers) {
                    worker.join();
                }
                break;
            }
            default:
                throw new IllegalArgumentException("mode: " + args[0] + "; accepted: thread, virtual, pool");
        }
        for (Connection connection : opened) {
            System.out.println("after join: connection closed=" + connection.isClosed());
        }
        System.out.println("opened=" + opened.size());
    }

    private static void open(List<Connection> opened) {
        try {
            Connection connection = DriverManager.getConnection("jdbc:h2:mem:enforce-" + Thread.currentThread().getId());
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("select 1");
            }
            AUDIT.set(new Audit(connection, Thread.currentThread()));
            CONNECTION.set(connection);
            opened.add(connection);
            System.out.println("opened on " + Thread.currentThread().getName());
        } catch (SQLException failed) {
            throw new IllegalStateException(failed);
        }
    }

    /** Closed after the connection (stored before it): tells, on the exiting thread, what the agent did. */
    static final class Audit implements AutoCloseable {
        private final Connection connection;
        private final Thread owner;

        Audit(Connection connection, Thread owner) {
            this.connection = connection;
            this.owner = owner;
        }

        @Override
        public void close() throws SQLException {
            System.out.println("audit closed on own thread=" + (Thread.currentThread() == owner)
                    + " connection closed=" + connection.isClosed() + " thread=" + Thread.currentThread().getName());
        }
    }
}
