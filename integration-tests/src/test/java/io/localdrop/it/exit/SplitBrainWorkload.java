package io.localdrop.it.exit;

import io.localdrop.OwnedKey;

import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs inside the child-first loader of {@link SplitBrainFixture}, against that loader's own copy of the
 * runtime: a thread initializes a key of that copy and exits; the copy's destructor must run at that exit.
 */
public final class SplitBrainWorkload implements Callable<String> {
    @Override
    public String call() throws InterruptedException {
        AtomicInteger destroyed = new AtomicInteger();
        String[] destroyedOn = new String[1];
        OwnedKey<String> key = OwnedKey.named("webapp-key", () -> "session", value -> {
            destroyedOn[0] = Thread.currentThread().getName();
            destroyed.incrementAndGet();
        });
        Thread worker = new Thread(key::get, "webapp-worker");
        worker.start();
        worker.join();
        return "runtime copy loaded by " + OwnedKey.class.getClassLoader().getName() + " destroyed=" + destroyed.get()
                + " on " + destroyedOn[0];
    }
}
