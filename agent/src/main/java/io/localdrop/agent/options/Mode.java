package io.localdrop.agent.options;

/** Option {@code mode}: what the agent does beyond the thread-exit hook (which is always on). */
public enum Mode {
    /** Observe ThreadLocal use and report findings; never change what the application sees. */
    DIAGNOSE("diagnose"),
    /** Also give plain ThreadLocal values destructor semantics. */
    ENFORCE("enforce"),
    /** Thread-exit hook for owned keys only; no rewriting of application classes. */
    OFF("off");

    private final String optionValue;

    Mode(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The value as written in the option (lower case). */
    public String optionValue() {
        return optionValue;
    }
}
