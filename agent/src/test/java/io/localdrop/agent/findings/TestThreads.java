package io.localdrop.agent.findings;

/** Runs a detector test's body on a fresh, named thread and waits for it; rethrows what the body threw. */
final class TestThreads {
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    private TestThreads() {
    }

    /** The thread's exit is not signalled (no bridge in unit tests): bodies call {@code Detectors.threadExit()}. */
    static void onThread(String name, ThrowingRunnable body) throws Exception {
        Throwable[] failure = new Throwable[1];
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, name);
        thread.start();
        thread.join();
        if (failure[0] != null) {
            throw new AssertionError(failure[0]);
        }
    }
}
