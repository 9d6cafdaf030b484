package io.localdrop.agent.options;

/** Option {@code onDestructorFailure}: rule 9 of the runtime (docs/runtime-rules.md). */
public enum DestructorFailure {
    /** Print the failure and end the JVM with status 134. */
    ABORT("abort"),
    /** Print the failure as a warning and go on with the remaining destructors. */
    LOG("log");

    private final String optionValue;

    DestructorFailure(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The value as written in the option, and in the runtime's system property. */
    public String optionValue() {
        return optionValue;
    }
}
