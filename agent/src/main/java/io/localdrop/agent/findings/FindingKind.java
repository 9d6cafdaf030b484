package io.localdrop.agent.findings;

/** The finding kinds of docs/report-format.md ({@code kind}; what each means: docs/diagnose.md), with their severities. */
public enum FindingKind {
    BLEED(Severity.ERROR),
    TASK_LEAK(Severity.WARNING),
    CLASSLOADER_PIN(Severity.ERROR),
    EXIT_LEAK(Severity.WARNING),
    CACHE(Severity.INFO),
    /** mode=enforce: AutoCloseable values re-initialized during exit beyond maxDestructorRounds, leaked. */
    REINIT_LEAK(Severity.WARNING),
    /** mode=enforce: a close() threw under onDestructorFailure=log. */
    DESTRUCTOR_FAILED(Severity.ERROR);

    /** Under mode=enforce the agent closes the values EXIT_LEAK reports: severity INFO ("closed by localdrop"). */
    private static volatile boolean exitLeaksClosed;

    private final Severity severity;

    FindingKind(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return this == EXIT_LEAK && exitLeaksClosed ? Severity.INFO : severity;
    }

    /** Called by mode=enforce's installation: EXIT_LEAK values are closed by the agent, so they are INFO. */
    public static void exitLeaksClosed() {
        exitLeaksClosed = true;
    }

    /** Severities, most severe first (the order of the stderr summary). */
    public enum Severity {
        ERROR, WARNING, INFO
    }
}
