package io.localdrop.internal;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Rule 9: a destructor that throws ends the process with status 134, as a panic in a Rust TLS
 * destructor aborts; under {@code onDestructorFailure=log} the same message is printed as a warning and
 * destruction goes on. The message goes straight to {@code System.err}: a logging framework may itself
 * be half torn down on an exiting thread.
 */
public final class FailurePolicy {
    /** The exit status of the abort policy (128 + SIGABRT, what an abort gives a shell). */
    public static final int ABORT_STATUS = 134;

    private static volatile FailureListener listener;

    /** Set by the first failure under the abort policy: the one that prints the message and halts. */
    private static final AtomicBoolean ABORTING = new AtomicBoolean();

    /** Told of every failure under the log policy (the agent reports them as DESTRUCTOR_FAILED). */
    public interface FailureListener {
        void destructorFailed(String keyName, String threadName, Throwable failure);
    }

    private FailurePolicy() {
    }

    public static void setListener(FailureListener newListener) {
        listener = newListener;
    }

    /** Handles a failed destructor of the named key (or closed value) on the current thread. */
    public static void destructorFailed(String keyName, Throwable failure) {
        String thread = Thread.currentThread().getName();
        boolean abort;
        try {
            abort = Config.abortOnFailure();
        } catch (IllegalArgumentException badSetting) {
            abort = true; // a broken setting must not turn an abort into silence
        }
        if (abort && !ABORTING.compareAndSet(false, true)) {
            // Another thread's failure is ending the process already: one fatal message, as rule 9 says (threads
            // failing together printed one each), and no destructor of this thread runs after it.
            awaitHalt();
        }
        String trace = stackTrace(failure);
        if (abort) {
            System.err.print("localdrop: fatal: destructor of '" + keyName + "' failed on thread '" + thread + "'; aborting (exit "
                    + ABORT_STATUS + "; set onDestructorFailure=log to continue instead):\n" + trace);
            System.err.flush();
            Runtime.getRuntime().halt(ABORT_STATUS);
        }
        System.err.print("localdrop: warning: destructor of '" + keyName + "' failed on thread '" + thread
                + "'; continuing with the remaining destructors (onDestructorFailure=log):\n" + trace);
        System.err.flush();
        FailureListener current = listener;
        if (current != null) {
            try {
                current.destructorFailed(keyName, thread, failure);
            } catch (Throwable listenerBroken) {
                // a broken listener must not stop the remaining destructors; the agent's report counts it
                AgentBridge.recordFailure("runtime: destructor-failure listener", listenerBroken);
            }
        }
    }

    /** Never returns: the thread that won {@link #ABORTING} halts the JVM, and this one waits for it. */
    private static void awaitHalt() {
        while (true) {
            LockSupport.park(FailurePolicy.class); // a spurious wake-up or an interrupt parks again
        }
    }

    private static String stackTrace(Throwable failure) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            failure.printStackTrace(out);
        } catch (Throwable cannotPrint) {
            return failure.getClass().getName() + " (its stack trace could not be printed)\n";
        }
        return text.toString();
    }
}
