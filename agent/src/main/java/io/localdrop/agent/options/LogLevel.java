package io.localdrop.agent.options;

/** Option {@code log}: how much the agent says on stderr. */
public enum LogLevel {
    QUIET("quiet"),
    INFO("info"),
    DEBUG("debug");

    private final String optionValue;

    LogLevel(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The value as written in the option (lower case). */
    public String optionValue() {
        return optionValue;
    }
}
