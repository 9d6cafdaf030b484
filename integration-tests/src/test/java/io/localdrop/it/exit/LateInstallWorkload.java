package io.localdrop.it.exit;

import io.localdrop.Localdrop;
import io.localdrop.OwnedKey;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs inside the child-first loader of {@link BridgeDefectsFixture}, against that loader's own copy of the runtime
 * (a web application's own localdrop-runtime): asks whether the agent is there, then lets a thread use a key of that
 * copy and exit. Called once before and once after the application's {@code Localdrop.install()}.
 */
public final class LateInstallWorkload implements Function<String, String> {
    private final AtomicInteger threads = new AtomicInteger();

    @Override
    public String apply(String phase) {
        boolean active = Localdrop.agentActive();
        AtomicInteger destroyed = new AtomicInteger();
        String[] destroyedOn = new String[1];
        OwnedKey<String> key = OwnedKey.named("webapp-key-" + phase, () -> "session", value -> {
            destroyedOn[0] = Thread.currentThread().getName();
            destroyed.incrementAndGet();
        });
        Thread worker = new Thread(key::get, "webapp-worker-" + threads.incrementAndGet());
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException interrupted) {
            throw new IllegalStateException(interrupted);
        }
        return phase + ": copy agentActive=" + active + " destroyed=" + destroyed.get() + " on " + destroyedOn[0];
    }
}
