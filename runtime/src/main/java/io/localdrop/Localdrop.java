package io.localdrop;

import io.localdrop.internal.AgentBridge;
import io.localdrop.internal.ThreadRecord;

import java.lang.reflect.InvocationTargetException;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

/**
 * The entry points around owned keys: the agent's presence, and thread-exit destruction without it.
 *
 * <p>With the agent ({@code -javaagent:localdrop-agent.jar}, or {@link #install()}), every thread of the
 * JVM destroys its owned keys when it exits. Without it, only threads whose body runs through
 * {@link #wrap(Runnable)} or {@link #threadFactory(ThreadFactory)} do (rule 12), and pooled threads can
 * release their keys between tasks with {@link #destroyAll()}.
 */
public final class Localdrop {
    static final String AGENT_CLASS = "io.localdrop.agent.LocaldropAgent";

    private Localdrop() {
    }

    /** True when the agent's thread-exit hook is installed in this JVM. */
    public static boolean agentActive() {
        return AgentBridge.active();
    }

    /**
     * Installs the agent into the running JVM by self-attach; does nothing if it is installed already.
     * Needs {@code localdrop-agent.jar} on the class path (it contains this runtime too). Threads that
     * already exist get their keys destroyed at exit from then on. On JDK 21 and later the JVM prints a
     * warning about dynamically loaded agents unless it was started with
     * {@code -XX:+EnableDynamicAgentLoading}; a future JDK may refuse dynamic loading without that flag.
     *
     * @throws UnsupportedOperationException if the agent jar is not on the class path
     * @throws IllegalStateException         if self-attach failed (the message says why)
     */
    public static void install() {
        if (agentActive()) {
            return;
        }
        Class<?> agent;
        try {
            agent = Class.forName(AGENT_CLASS, true, Localdrop.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError absent) {
            throw new UnsupportedOperationException("Localdrop.install() needs localdrop-agent.jar (io.localdrop:localdrop-agent)"
                    + " on the class path, or start the JVM with -javaagent:/path/to/localdrop-agent.jar");
        }
        try {
            agent.getMethod("installIntoRunningJvm").invoke(null);
        } catch (InvocationTargetException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new IllegalStateException("localdrop: installing the agent failed: " + cause, cause);
        } catch (ReflectiveOperationException broken) {
            throw new IllegalStateException("localdrop: the agent jar on the class path is unusable: " + broken, broken);
        }
    }

    /**
     * Runs {@code task}, then this thread's exit destruction (rules 4 to 9): meant as the whole body of a
     * thread, for use without the agent. If {@code task} throws, the exception goes to the thread's
     * uncaught-exception handler exactly once, before the destructors run, as it does at a real thread exit;
     * it is not rethrown. Afterwards the thread's keys are DESTROYED: do not use it to wrap tasks of a pool
     * (use {@link #destroyAll()} between tasks there).
     *
     * @throws NullPointerException if {@code task} is null
     */
    public static Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        return () -> {
            ThreadRecord record = ThreadRecord.enterWrapped();
            try {
                task.run();
            } catch (Throwable uncaught) {
                Thread thread = Thread.currentThread();
                thread.getUncaughtExceptionHandler().uncaughtException(thread, uncaught);
            } finally {
                record.destroyAll(true);
            }
        };
    }

    /**
     * A factory whose threads run their body through {@link #wrap(Runnable)}.
     *
     * @throws NullPointerException if {@code delegate} is null
     */
    public static ThreadFactory threadFactory(ThreadFactory delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return task -> delegate.newThread(wrap(task));
    }

    /**
     * Destroys every ALIVE owned key of the current thread now, as thread exit would (rules 4, 5, 7, 8, 9),
     * but leaves the keys UNINITIALIZED so the thread can go on: for pooled threads between tasks.
     * Called from inside a destructor it does nothing (the running destruction handles new keys).
     */
    public static void destroyAll() {
        ThreadRecord.destroyAllOfCurrentThread();
    }
}
