package io.localdrop.testing;

/**
 * The finding kinds of the report format {@code localdrop-report/1} (docs/report-format.md).
 * A kind this version does not know (a newer agent) reads as {@link #UNKNOWN}; its name stays in
 * {@link Finding#kindName()}.
 */
public enum Kind {
    /** A value set during one task was read by a later task on the same pooled thread. */
    BLEED,
    /** A value set during a task was still there when the task ended on a pooled thread. */
    TASK_LEAK,
    /** A value, or its ThreadLocal, keeps a class loader alive that the thread should not (e.g. an undeployed web app). */
    CLASSLOADER_PIN,
    /** An AutoCloseable value was still held when its thread exited (or was closed then by mode=enforce). */
    EXIT_LEAK,
    /** A per-thread cache: a value made by initialValue and reused across tasks (information only). */
    CACHE,
    /** Values re-initialized during thread exit beyond maxDestructorRounds, leaked. */
    REINIT_LEAK,
    /** A destructor or close() threw under onDestructorFailure=log. */
    DESTRUCTOR_FAILED,
    /** A kind this reader does not know. */
    UNKNOWN;

    /** The kind named {@code name} in a report, {@link #UNKNOWN} for a name this version does not know. */
    public static Kind fromName(String name) {
        for (Kind kind : values()) {
            if (kind != UNKNOWN && kind.name().equals(name)) {
                return kind;
            }
        }
        return UNKNOWN;
    }
}
