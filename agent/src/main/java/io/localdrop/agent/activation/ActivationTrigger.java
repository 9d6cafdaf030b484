package io.localdrop.agent.activation;

import io.localdrop.agent.health.InternalErrors;
import io.localdrop.agent.sites.ClassFilter;

import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.function.Consumer;

/**
 * The one transformer premain registers (not retransform-capable). Until the first class that needs the agent
 * ({@link ActivationRule}) it answers every class with the rule's cheap checks and returns null; at that class it
 * runs the installation once (a {@code Consumer} from the entry package, not an interface of this package: one class
 * fewer to load at every start), on the loading thread's behalf, before the class is defined, and then removes
 * itself.
 *
 * <p>The installation registers every transformer that stays (exit hooks, task boundaries, and here the access-site
 * rewriter it returns) retransform-capable: java.lang.instrument keeps one JVMTI environment for those and one for
 * the others, and each environment that has transformers costs every class load an upcall and a copy of the class
 * bytes. The JVM asks the retransform-capable environment after this one has returned, so the triggering class goes
 * through all of them, the rewriter included; this transformer itself never rewrites. Once the installation is done
 * it answers null until it is removed (a class whose event began before that): the rewriter is registered by then,
 * and the JVM asks it next (the installation registers the rewriter before {@link Installation} sets {@link #active}).
 *
 * <p>From inside a transform callback: the installation runs on a thread of its own ({@link Installation} says
 * why) while the loading thread waits, and retransforms the JDK's thread classes there.
 *
 * <p>Thread-safe: a second thread whose class needs the agent while the installation runs waits for it too (its
 * class must not run unhooked either); a thread loading any other class does not wait (such a class needs none of
 * the transformers: the rule asks the rewriter's and the worker-loop finder's own pre-checks), and the installing
 * thread's own classes are answered null at once. The installing thread loads only the agent's classes, the
 * runtime's {@code Config} and {@code FailurePolicy} and JDK classes, none of which a waiting thread can be in the
 * middle of loading ({@link ActivationRule}). The wait is bounded all the same ({@link #MAX_WAIT_MILLIS}): should it
 * ever end, that is recorded as an internal error and the class is defined unhooked, rather than the JVM hanging.
 */
public final class ActivationTrigger implements ClassFileTransformer {
    static final long MAX_WAIT_MILLIS = 30_000;

    /**
     * The agent's full installation, given the triggering class's internal name; it registers the site rewriter
     * itself, so the rewriter is in place before {@link Installation} sets {@link #active}.
     */
    private final Consumer<String> installer;
    private final ActivationRule rule;
    private final Instrumentation instrumentation;
    private volatile boolean active;
    /** The thread running the installation, while it runs; guarded by this. */
    private Thread installing;
    /** Set at the JVM's end in a JVM that never needed the agent: nothing triggers any more. */
    private volatile boolean closed;

    /**
     * @param sites the site rewriter's class filter (its options include and exclude), or null in mode=off, where
     *     only the runtime's classes and virtual threads need the agent
     */
    public ActivationTrigger(Consumer<String> installer, ClassFilter sites,
                             Instrumentation instrumentation) {
        this.installer = installer;
        this.rule = new ActivationRule(sites);
        this.instrumentation = instrumentation;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> classBeingRedefined,
                            ProtectionDomain protectionDomain, byte[] classfileBuffer) {
        if (active || className == null || classBeingRedefined != null || closed) {
            return null; // active: the retransform-capable transformers, the rewriter among them, take every class
        }
        try {
            if (rule.triggers(loader, className, classfileBuffer)) {
                activate(className);
            }
        } catch (Throwable unexpected) {
            InternalErrors.record("activation: deciding whether a class needs the agent", unexpected);
        }
        return null;
    }

    /**
     * Runs the installation now, unless it has run or the JVM is ending, and waits for it as a triggering class does:
     * what an attach asks of a JVM whose premain installation no class has started yet.
     *
     * @param why what asked for it, in the place of the triggering class's name
     */
    public void installNow(String why) {
        if (!active && !closed) {
            activate(why);
        }
    }

    /** Whether the installation has run (or is done failing): false in a JVM where no class needed it so far. */
    public boolean isActive() {
        return active;
    }

    /**
     * Runs the installation unless done, on a thread of its own ({@link Installation}), and waits for it; waits too
     * while another thread's class started it.
     * Returns at once on the installing thread itself (a class it loads while installing).
     */
    private void activate(String className) {
        Thread me = Thread.currentThread();
        synchronized (this) {
            if (active) {
                return;
            }
            if (installing == me) {
                return;
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
                    return;
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
            try {
                installer.accept(firstClass); // before active is set: a class that sees active sees the rewriter too
            } catch (Throwable failed) {
                // said by the installer (premain's contract: the application runs without the agent)
                InternalErrors.record("activation: installing the agent", failed);
            } finally {
                synchronized (ActivationTrigger.this) {
                    active = true;
                    installing = null;
                    ActivationTrigger.this.notifyAll();
                }
                // nothing left to do for any class; without transformers this JVMTI environment's event is turned off
                instrumentation.removeTransformer(ActivationTrigger.this);
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
