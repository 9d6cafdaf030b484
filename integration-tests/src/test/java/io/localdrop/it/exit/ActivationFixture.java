package io.localdrop.it.exit;

import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Child-JVM main class: {@code ActivationFixture <scenario>}, for {@link ActivationTest}. The main class itself
 * touches no ThreadLocal and no owned key and names no {@code Runnable} class, so that under {@code -javaagent} the agent
 * is not installed when main starts: each scenario makes the first class that needs the agent load on a thread
 * that started before it (a virtual thread: {@link VirtualActivationFixture}).
 */
public final class ActivationFixture {
    private ActivationFixture() {
    }

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "nothing": System.out.println("hello"); break;
            case "pool": pool(); break;
            case "timer": timer(); break;
            default: throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
    }

    /** A pool whose worker starts first; its tasks are the first code that touches a ThreadLocal. */
    private static void pool() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.submit(ActivationFixture::leaveAValue).get(); // the first task loads LeftBehind, on the worker
        pool.submit(ActivationFixture::leaveAValue).get();
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
        System.out.println("tasks done");
    }

    /** A Timer whose thread starts first; its TimerTasks are the first code that touches a ThreadLocal. */
    private static void timer() throws Exception {
        Timer timer = new Timer("activation-timer");
        CountDownLatch done = new CountDownLatch(2);
        for (int i = 0; i < 2; i++) {
            timer.schedule(new Leave(done), 10L * i);
        }
        if (!done.await(1, TimeUnit.MINUTES)) {
            throw new IllegalStateException("timer tasks did not run");
        }
        timer.cancel();
        System.out.println("tasks done");
    }

    /** A TimerTask that leaves a value (its run() is no call of Runnable.run). */
    static final class Leave extends TimerTask {
        private final CountDownLatch done;

        Leave(CountDownLatch done) {
            this.done = done;
        }

        @Override
        public void run() {
            leaveAValue();
            done.countDown();
        }
    }

    private static Object leaveAValue() {
        LeftBehind.leave();
        return null;
    }

    /** Loaded by the pool's task: a ThreadLocal that a task sets and never removes. */
    static final class LeftBehind {
        private static final ThreadLocal<StringBuilder> VALUE = new ThreadLocal<>();

        static void leave() {
            VALUE.set(new StringBuilder("left by a task"));
        }
    }
}
