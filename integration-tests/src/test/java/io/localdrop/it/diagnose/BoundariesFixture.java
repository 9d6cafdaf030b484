package io.localdrop.it.diagnose;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One leaking task on each kind of pool whose task boundaries the agent knows: args[0] names the pool.
 * Each leaves a value set at its end; the report must show a TASK_LEAK on that pool's thread.
 */
public final class BoundariesFixture {
    static final ThreadLocal<Object> LEFT = new ThreadLocal<>();

    static void leak() {
        LEFT.set(new Object()); // boundary-set
    }

    /** A subclass that overrides beforeExecute and afterExecute without calling super. */
    static final class NoSuperPool extends ThreadPoolExecutor {
        NoSuperPool() {
            super(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> new Thread(r, "no-super-worker"));
        }

        @Override
        protected void beforeExecute(Thread thread, Runnable task) {
        }

        @Override
        protected void afterExecute(Runnable task, Throwable failure) {
        }
    }

    /** A hand-written worker loop: each call of {@code handle} is a task only through option taskBoundary. */
    public static final class CustomWorker {
        public void handle(int job) {
            if (job == 0) {
                leak();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "scheduled": {
                ScheduledExecutorService pool = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "scheduled-worker"));
                pool.schedule(BoundariesFixture::leak, 1, TimeUnit.MILLISECONDS).get();
                pool.shutdown();
                pool.awaitTermination(1, TimeUnit.MINUTES);
                break;
            }
            case "no-super": {
                ExecutorService pool = new NoSuperPool();
                pool.submit(BoundariesFixture::leak).get();
                pool.shutdown();
                pool.awaitTermination(1, TimeUnit.MINUTES);
                break;
            }
            case "fork-join": {
                ForkJoinPool pool = new ForkJoinPool(1);
                pool.submit(BoundariesFixture::leak).get();
                pool.shutdown();
                pool.awaitTermination(1, TimeUnit.MINUTES);
                break;
            }
            case "tomcat": {
                org.apache.tomcat.util.threads.ThreadPoolExecutor pool = new org.apache.tomcat.util.threads.ThreadPoolExecutor(
                        1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                        r -> new Thread(r, "tomcat-worker"));
                pool.submit(BoundariesFixture::leak).get();
                pool.shutdown();
                pool.awaitTermination(1, TimeUnit.MINUTES);
                break;
            }
            case "custom": {
                Thread worker = new Thread(() -> {
                    CustomWorker handler = new CustomWorker();
                    handler.handle(0);
                    handler.handle(1);
                }, "custom-worker");
                worker.start();
                worker.join();
                break;
            }
            default:
                throw new IllegalArgumentException(args[0]);
        }
        System.out.println("ran " + args[0]);
    }
}
