package io.localdrop.agent.findings;

/** The finding kinds of agent.md ("Findings") that diagnose reports, with their severities. */
public enum FindingKind {
    BLEED(Severity.ERROR),
    TASK_LEAK(Severity.WARNING),
    CLASSLOADER_PIN(Severity.ERROR),
    EXIT_LEAK(Severity.WARNING),
    CACHE(Severity.INFO);

    private final Severity severity;

    FindingKind(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }

    /** Severities, most severe first (the order of the stderr summary). */
    public enum Severity {
        ERROR, WARNING, INFO
    }
}
