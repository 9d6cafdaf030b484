package io.localdrop.stackapps.boot.leaky;

import java.util.Map;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Lets the test put exactly one request on each worker thread: requests of one group wait here until
 * all {@code parties} of them are being served at once, so no worker can take two of them.
 */
final class Rendezvous {

    private static final Map<String, CyclicBarrier> GROUPS = new ConcurrentHashMap<>();

    private Rendezvous() {
    }

    /** Waits (at most 60 s) for the group's other requests; no-op for {@code parties <= 1}. */
    static void await(String group, int parties) {
        if (parties <= 1) {
            return;
        }
        CyclicBarrier barrier = GROUPS.computeIfAbsent(group, name -> new CyclicBarrier(parties));
        try {
            barrier.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted at rendezvous " + group, e);
        } catch (BrokenBarrierException | TimeoutException e) {
            throw new IllegalStateException("rendezvous " + group + " of " + parties + " did not complete", e);
        }
    }
}
