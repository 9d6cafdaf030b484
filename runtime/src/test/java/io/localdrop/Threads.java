package io.localdrop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/** Runs test bodies on fresh threads whose exit runs the owned keys' destruction (through Localdrop.wrap). */
final class Threads {
    private Threads() {
    }

    /** Runs {@code body} on a new wrapped thread named {@code name}, joins it, and rethrows what it threw. */
    static void runWrapped(String name, Runnable body) throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(Localdrop.wrap(body), name);
        thread.setUncaughtExceptionHandler((t, e) -> failure.set(e));
        thread.start();
        thread.join();
        Throwable thrown = failure.get();
        if (thrown instanceof Error) {
            throw (Error) thrown;
        }
        if (thrown instanceof RuntimeException) {
            throw (RuntimeException) thrown;
        }
        if (thrown != null) {
            throw new AssertionError(thrown);
        }
    }

    /** A list that destructors on other threads append to; read after join, which orders the writes. */
    static <T> List<T> record() {
        return java.util.Collections.synchronizedList(new ArrayList<>());
    }
}
