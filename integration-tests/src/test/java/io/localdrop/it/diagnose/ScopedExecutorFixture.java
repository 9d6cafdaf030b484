package io.localdrop.it.diagnose;

import java.util.concurrent.Executor;

/**
 * A context that is an {@link Executor} running tasks in place, inside its scope, in the shape of Jetty 12's
 * {@code ContextHandler} and its {@code ScopedContext}: the handler's {@code enterScope} stores the context in a
 * ThreadLocal and {@code exitScope} puts back what was there; the context's {@code call} (no Runnable) and
 * {@code run(Runnable)} enter the scope unless the thread is in it already, then run their work in place. A thread
 * of its own (no pool) stops one handler after another, each stop running its work in the scope and, inside, a
 * listener through {@code run}, as Jetty's shutdown thread does. {@code correct}: that and nothing else.
 * {@code leaky}: every other listener stores a user and leaves it; the listener of the next stop reads it.
 */
public final class ScopedExecutorFixture {
    static final ThreadLocal<Handler.Scope> CURRENT = new ThreadLocal<>();
    static final ThreadLocal<String> USER = new ThreadLocal<>();

    /** Work that may throw, run in a scope: not a Runnable, as Jetty's {@code Invocable.Callable} is not. */
    interface Work {
        void call() throws Exception;
    }

    static final class Handler {
        final Scope scope = new Scope();

        /** Enters the scope; the caller read what was there (as Jetty's ScopedContext does, not its handler). */
        void enterScope() {
            CURRENT.set(scope); // scope-enter
        }

        void exitScope(Scope previous) {
            CURRENT.set(previous); // scope-exit
        }

        void stop(Runnable listener) throws Exception {
            scope.call(() -> scope.run(listener));
        }

        /** The handler's context: an Executor that runs tasks in place, in the scope. */
        final class Scope implements Executor {
            void call(Work work) throws Exception {
                Scope previous = CURRENT.get();
                if (previous == this) {
                    work.call();
                    return;
                }
                enterScope();
                try {
                    work.call();
                } finally {
                    exitScope(previous);
                }
            }

            void run(Runnable task) {
                Scope previous = CURRENT.get();
                if (previous == this) {
                    task.run();
                    return;
                }
                enterScope();
                try {
                    task.run();
                } finally {
                    exitScope(previous);
                }
            }

            @Override
            public void execute(Runnable task) {
                run(task);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        boolean leaky = args.length > 0 && args[0].equals("leaky");
        int[] stale = new int[1];
        Thread stopper = new Thread(() -> {
            try {
                for (int i = 0; i < 6; i++) {
                    int n = i;
                    new Handler().stop(() -> {
                        if (leaky && n % 2 == 0) {
                            USER.set("user-" + n); // user-leaky-set
                        } else if (USER.get() != null) { // user-stale-read
                            stale[0]++;
                        }
                    });
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "StopperThread");
        stopper.start();
        stopper.join();
        System.out.println("stale reads: " + stale[0]);
    }
}
