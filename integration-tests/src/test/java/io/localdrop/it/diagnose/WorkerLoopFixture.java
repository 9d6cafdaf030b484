package io.localdrop.it.diagnose;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A hand-written worker loop, named nowhere in the agent's options: a thread that takes Runnables from a queue and
 * runs them. One task signs in (leaky), two anonymous ones follow on the same thread; the bleeding reads are
 * counted here, independently of the agent.
 */
public final class WorkerLoopFixture {
    private WorkerLoopFixture() {
    }

    static final class Worker extends Thread {
        private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

        Worker() {
            super("my-worker-1");
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Runnable task = queue.take();
                    if (task == STOP) {
                        return;
                    }
                    task.run();
                }
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static final Runnable STOP = () -> { };

    public static void main(String[] args) throws Exception {
        Worker worker = new Worker();
        worker.start();
        AtomicInteger bleeding = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(3);
        worker.queue.put(() -> {
            SignedInUser.login("alice", true);
            done.countDown();
        });
        for (int i = 0; i < 2; i++) {
            worker.queue.put(() -> {
                if (!SignedInUser.whoami().equals(SignedInUser.ANONYMOUS)) {
                    bleeding.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await();
        worker.queue.put(STOP);
        worker.join();
        System.out.println("bleeding reads: " + bleeding.get());
    }
}
