package io.localdrop.agent.jfr;

/**
 * Whether JFR was started in this JVM (a recording, from the command line or jcmd, starts it). Until then no event
 * of ours is loaded or made: loading the first {@code jdk.jfr.Event} subclass and asking it {@code isEnabled()}
 * brings JFR's metadata up (a hundred classes on JDK 17, proxies, an event handler spun with ASM, their JIT), about
 * 200 ms of one thread in the flood program, and no recording could take the event anyway. Apart from the events'
 * own {@code Commit} classes: asking costs loading one class, {@code FlightRecorder}, and a volatile read.
 */
final class Recorder {
    private Recorder() {
    }

    static boolean initialized() {
        return jdk.jfr.FlightRecorder.isInitialized();
    }
}
