package io.localdrop.testing;

/** How serious a finding is; the report's {@code severity} field. */
public enum Severity {
    ERROR, WARNING, INFO, UNKNOWN;

    /** The severity named {@code name} in a report, {@link #UNKNOWN} for a name this version does not know. */
    public static Severity fromName(String name) {
        for (Severity severity : values()) {
            if (severity != UNKNOWN && severity.name().equals(name)) {
                return severity;
            }
        }
        return UNKNOWN;
    }
}
