package io.localdrop.agent.jfr;

/** Whether the {@code jdk.jfr} module is in this runtime: decided once, since modules do not come and go. */
final class Jfr {
    static final boolean PRESENT = ModuleLayer.boot().findModule("jdk.jfr").isPresent();

    private Jfr() {
    }
}
