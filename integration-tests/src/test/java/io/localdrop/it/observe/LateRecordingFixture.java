package io.localdrop.it.observe;

import jdk.jfr.Recording;

import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A recording started after the agent has already recorded findings (and so made its JFR hooks ready): a pool
 * task leaves {@link #BEFORE} set with no recording running, then a recording of io.localdrop.Finding starts,
 * then a task leaves {@link #AFTER} set; the recording goes to the file named by the first argument.
 */
public final class LateRecordingFixture {
    static final ThreadLocal<String> BEFORE = new ThreadLocal<>();
    static final ThreadLocal<String> AFTER = new ThreadLocal<>();

    private LateRecordingFixture() {
    }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        // two tasks each: the first one's end judges its value a leak, the second's end follows it
        for (int i = 0; i < 2; i++) {
            String value = "before-" + i;
            pool.submit(() -> BEFORE.set(value)).get();
        }
        try (Recording recording = new Recording()) {
            recording.enable("io.localdrop.Finding");
            recording.start();
            for (int i = 0; i < 2; i++) {
                String value = "after-" + i;
                pool.submit(() -> AFTER.set(value)).get();
            }
            pool.shutdown();
            if (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                throw new IllegalStateException("the pool did not end");
            }
            recording.stop();
            recording.dump(Path.of(args[0]));
        }
    }
}
