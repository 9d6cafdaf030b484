package io.localdrop.agent.activation;

import io.localdrop.agent.health.InternalErrors;
import io.localdrop.agent.sites.ClassFilter;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.function.Function;

/**
 * The one transformer premain registers (not retransform-capable, like the site rewriter it fronts). Until the
 * first class that needs the agent ({@link ActivationRule}) it answers every class with the rule's cheap checks
 * and returns null; at that class it runs the installation once (a {@code Function}
 * from the entry package, not an interface of this package: one class fewer to load at every start), on the loading thread, before the class is
 * defined, and then hands that class and every later one to the access-site rewriter the installation returned.
 *
 * <p>From inside a transform callback: the installation runs on a thread of its own ({@link Installation} says
 * why) while the loading thread waits, retransforms the JDK's thread classes there, and registers the
 * retransform-capable transformers (exit hooks, task boundaries), whose JVMTI environment is asked about the
 * triggering class after this transformer returns, so they see that class too. The site rewriter is not
 * registered: the trigger calls it itself, so that no class can fall between a trigger removed and a rewriter
 * added.
 *
 * <p>Thread-safe: a second thread whose class needs the agent while the installation runs waits for it too (its
 * class must not run unhooked either); a thread loading any other class does not wait, and the installing thread's
 * own classes are answered null at once. The installing thread loads only the agent's classes, the runtime's
 * {@code Config} and {@code FailurePolicy} and JDK classes, none of which a waiting thread can be in the middle of
 * loading ({@link ActivationRule}). The wait is bounded all the same ({@link #MAX_WAIT_MILLIS}): should it ever
 * end, that is recorded as an internal error and the class is defined unhooked, rather than the JVM hanging.
 */
public final class ActivationTrigger implements ClassFileTransformer {
    static final long MAX_WAIT_MILLIS = 30_000;

    /** The agent's full installation: takes the triggering class's internal name, returns the site rewriter or null. */
    private final Function<String, ClassFileTransformer> installer;
    private final ActivationRule rule;
    private final Instrumentation instrumentation;
    /** Set once, before {@link #active}: the rewriter every class goes through from then on (null: none). */
    private ClassFileTransformer rewriter;
    private volatile boolean active;
    /** The thread running the installation, while it runs; guarded by this. */
    private Thread installing;
    /** Set at the JVM's end in a JVM that never needed the agent: nothing triggers any more. */
    private volatile boolean closed;

    /**
     * @param sites the site rewriter's class filter (its options include and exclude), or null in mode=off, where
     *     only the runtime's classes and virtual threads need the agent
     */
    public ActivationTrigger(Function<String, ClassFileTransformer> installer, ClassFilter sites,
                             Instrumentation instrumentation) {
        this.installer = installer;
        this.rule = new ActivationRule(sites);
        this.instrumentation = instrumentation;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (active) {
            ClassFileTransformer next = rewriter;
            return next == null ? null : rewrite(next, loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
        }
        if (className == null || classBeingRedefined != null || closed) {
            return null;
        }
        try {
            if (!rule.triggers(loader, className, classfileBuffer)) {
                return null;
            }
        } catch (Throwable unexpected) {
            InternalErrors.record("activation: deciding whether a class needs the agent", unexpected);
            return null;
        }
        if (!activate(className)) {
            return null; // the installing thread itself, loading a class the installation needs
        }
        ClassFileTransformer next = rewriter;
        return next == null ? null : rewrite(next, loader, className, null, protectionDomain, classfileBuffer);
    }

    private static byte[] rewrite(ClassFileTransformer next, ClassLoader loader, String className,
                                  Class<?> classBeingRedefined, ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        try {
            return next.transform(loader, className, classBeingRedefined, protectionDomain, classfileBuffer);
        } catch (Throwable unexpected) {
            InternalErrors.record("activation: the site rewriter", unexpected); // it never throws; never into loading
            return null;
        }
    }

    /** Whether the installation has run (or is done failing): false in a JVM where no class needed it so far. */
    public boolean isActive() {
        return active;
    }

    /**
     * Runs the installation unless done, on a thread of its own ({@link Installation}), and waits for it; waits too
     * while another thread's class started it.
     *
     * @return false when called on the installing thread itself (a class it loads while installing)
     */
    private boolean activate(String className) {
        Thread me = Thread.currentThread();
        synchronized (this) {
            if (active) {
                return true;
            }
            if (installing == me) {
                return false;
            }
            if (installing == null) {
                Thread installer = new Thread(new Installation(className), "localdrop-install");
                installer.setDaemon(true);
                try {
                    installer.start();
                } catch (Throwable cannotStart) {
                    // no thread to install from (out of native threads): the application runs without the agent
                    InternalErrors.record("activation: starting the installation", cannotStart);
                    active = true;
                    return true;
                }
                installing = installer;
            }
            long deadline = System.nanoTime() + MAX_WAIT_MILLIS * 1_000_000L;
            boolean interrupted = false;
            for (long left = MAX_WAIT_MILLIS; !active && left > 0; left = (deadline - System.nanoTime()) / 1_000_000L) {
                try {
                    wait(left);
                } catch (InterruptedException interruption) {
                    interrupted = true; // kept for the application; the class still waits for its hooks
                }
            }
            if (interrupted) {
                me.interrupt();
            }
            if (!active) {
                InternalErrors.record("activation: waiting for the installation",
                        new IllegalStateException(className + " was defined before the agent was installed"));
            }
            return true;
        }
    }

    /**
     * The installation, on its own thread because the JDK's instrumentation ignores every class-file event of a
     * thread that is inside one of this agent's transformers already (its re-entrancy guard, shared by both of the
     * agent's JVMTI environments): called on the loading thread, the retransformation of {@code Thread} would reach
     * none of the agent's transformers, and no hook would be placed.
     */
    private final class Installation implements Runnable {
        private final String firstClass;

        Installation(String firstClass) {
            this.firstClass = firstClass;
        }

        @Override
        public void run() {
            ClassFileTransformer installed = null;
            try {
                installed = installer.apply(firstClass);
            } catch (Throwable failed) {
                // said by the installer (premain's contract: the application runs without the agent)
                InternalErrors.record("activation: installing the agent", failed);
            } finally {
                synchronized (ActivationTrigger.this) {
                    rewriter = installed;
                    active = true;
                    installing = null;
                    ActivationTrigger.this.notifyAll();
                }
            }
            if (installed == null) {
                instrumentation.removeTransformer(ActivationTrigger.this); // nothing left to do for any class
            }
        }
    }

    /**
     * Called at the JVM's end when the agent was never needed: no class loaded during the shutdown (the report's
     * own) installs it then.
     *
     * @return true when the agent was never installed and will not be
     */
    public boolean closeIfInactive() {
        synchronized (this) {
            if (active || installing != null) {
                return false;
            }
            closed = true;
            return true;
        }
    }
}
