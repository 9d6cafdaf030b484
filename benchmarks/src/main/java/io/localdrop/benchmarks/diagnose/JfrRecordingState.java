package io.localdrop.benchmarks.diagnose;

import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;

/**
 * The JFR side of a fork of {@link JfrEventCostBenchmark}, chosen by {@code -Dlocaldrop.bench.recording}: absent,
 * no recording at all (JFR never starts); {@code off}, a recording with the JDK's {@code default} settings (what
 * runs in production when JFR is left on) and the io.localdrop events disabled; {@code on}, the same with them
 * enabled. At the end of a trial with {@code on} the recording is read back and must hold the events the
 * workload is expected to cause, so that a broken set-up cannot pass for a cheap one.
 */
final class JfrRecordingState {
    static final String PROPERTY = "localdrop.bench.recording";
    private static final String[] EVENTS = {"io.localdrop.Finding", "io.localdrop.ThreadCleanup",
        "io.localdrop.DestructorFailed"};

    private final String kind = System.getProperty(PROPERTY, "none");
    private Recording recording;

    void start() throws IOException, ParseException {
        if (kind.equals("none")) {
            return;
        }
        if (!kind.equals("off") && !kind.equals("on")) {
            throw new IllegalStateException("-D" + PROPERTY + " must be off or on, not " + kind);
        }
        recording = new Recording(Configuration.getConfiguration("default"));
        for (String event : EVENTS) {
            if (kind.equals("on")) {
                recording.enable(event);
            } else {
                recording.disable(event);
            }
        }
        recording.setToDisk(true);
        recording.start();
    }

    /** Stops the recording; returns how many io.localdrop.Finding events it holds (0 without one). */
    long stop() throws IOException {
        if (recording == null) {
            return 0;
        }
        Path file = Files.createTempFile("jfr-event-cost", ".jfr");
        try {
            recording.stop();
            recording.dump(file);
            long findings = 0;
            for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
                if (event.getEventType().getName().equals("io.localdrop.Finding")) {
                    findings++;
                }
            }
            return findings;
        } finally {
            recording.close();
            recording = null;
            Files.deleteIfExists(file);
        }
    }

    boolean eventsWanted() {
        return kind.equals("on");
    }
}
