package io.localdrop.agent.report;

import io.localdrop.agent.findings.LiveThreads;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded wait, at shutdown, for the platform threads that are still running Java code: a worker whose pool
 * was stopped by the application's shutdown hook may be between its last task and the end of
 * {@code Thread.exit} (where the agent reports what it still holds) when the hook returns
 * ({@code awaitTermination} returns once the pool is terminated, a moment before its workers have finished
 * exiting).
 *
 * <p>Which threads: every live platform thread but the current one that is {@code RUNNABLE} in a Java frame, or
 * that is blocked, waiting or parked with its interrupt flag set: a pool stopped with {@code shutdownNow} (Tomcat's
 * connector does so) interrupts its idle workers, and on a loaded machine a worker may still be waiting when the
 * application's hook returns, a moment before it wakes up and exits. Any other thread that is blocked, waiting,
 * parked or inside a native method (an accept, a read, the JVM's own threads) is not on its way out and is not
 * waited for, so an idle pool or a server's selector costs nothing; but a thread inside {@code Thread.exit} is waited
 * for in any state (its exit report may be waiting on a lock or in a native frame).
 * A thread busy in Java code at exit (a computation that the application did not stop) holds the shutdown for
 * at most the bound. Virtual threads are not enumerable and are not waited for.
 *
 * <p>No thread's {@code toString}, {@code equals} or {@code hashCode} is called (threads are collected from
 * their thread groups into an array, not into a hashed collection).
 */
final class ExitingThreads {
    /** How long one join lasts before the set of running threads is looked at again. */
    private static final long SLICE_MILLIS = 10;

    private ExitingThreads() {
    }

    /**
     * Waits until no other thread is running Java code, or {@code bound} has passed.
     *
     * @return how many threads it saw end while it waited
     */
    static int await(Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        int ended = 0;
        boolean quietOnce = false;
        boolean interrupted = false;
        while (System.nanoTime() - deadline < 0) {
            Thread running = firstRunning();
            if (running == null) {
                if (quietOnce) {
                    break;
                }
                // once more after a moment: a thread woken by the shutdown may not be runnable yet
                quietOnce = true;
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
                continue;
            }
            quietOnce = false;
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                running.join(Math.max(1, Math.min(SLICE_MILLIS, left)));
            } catch (InterruptedException interrupt) {
                // the thread that began the shutdown carried an interrupt: keep waiting (the wait is bounded
                // anyway) and hand the interrupt back when done
                interrupted = true;
            }
            if (!running.isAlive()) {
                ended++;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return ended;
    }

    /** The first live platform thread, other than this one, that is running Java code; null if there is none. */
    private static Thread firstRunning() {
        Thread[] threads = LiveThreads.all();
        Thread self = Thread.currentThread();
        for (int i = 0; i < threads.length; i++) {
            Thread thread = threads[i];
            if (thread == null || thread == self) {
                continue;
            }
            Thread.State state = thread.getState();
            if (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING || state == Thread.State.BLOCKED) {
                if (thread.isInterrupted() || isExiting(thread.getStackTrace())) {
                    return thread; // told to stop and not awake yet, or inside its exit (a lock in Thread.exit)
                }
                continue;
            }
            if (state != Thread.State.RUNNABLE) {
                continue;
            }
            StackTraceElement[] stack = thread.getStackTrace();
            if (stack.length > 0 && (!stack[0].isNativeMethod() || isExiting(stack))) {
                return thread; // running Java code, or inside its exit even where its top frame is native
            }
        }
        return null;
    }

    /** Whether a thread's stack is inside {@code Thread.exit}, where the agent reports what the thread still holds. */
    private static boolean isExiting(StackTraceElement[] stack) {
        for (int i = stack.length - 1; i >= 0; i--) {
            if ("exit".equals(stack[i].getMethodName()) && "java.lang.Thread".equals(stack[i].getClassName())) {
                return true;
            }
        }
        return false;
    }
}
