package io.localdrop.agent.enforce;

import io.localdrop.agent.exit.ExitEvents;
import io.localdrop.agent.findings.FindingKind;
import io.localdrop.agent.findings.ThreadLocalMapReader;
import io.localdrop.agent.options.AgentOptions;
import io.localdrop.agent.options.LogLevel;
import io.localdrop.agent.options.Mode;
import io.localdrop.agent.findings.TaskTracker;
import io.localdrop.internal.FailurePolicy;

/** Installs {@code mode=enforce}, in two steps around diagnose's installation (see {@link #prepare}). */
public final class EnforceFeature {
    private EnforceFeature() {
    }

    /**
     * Before the access-site rewriter is added: turns the switch on, so that rewritten code is compiled with
     * enforce's checks and initialValue overrides and withInitial are hooked. Does nothing unless mode=enforce.
     */
    public static void prepare(AgentOptions options) {
        if (options.mode() == Mode.ENFORCE) {
            EnforceSwitch.turnOn(options.clearAfterTask());
        }
    }

    /**
     * After diagnose's installation: registers enforce's thread-event handler (after diagnose's, so its scans see
     * the values first). Does nothing unless mode=enforce. Never throws: the application runs without enforce and
     * is told so.
     */
    public static void install(AgentOptions options) {
        if (options.mode() != Mode.ENFORCE) {
            return;
        }
        try {
            if (!ThreadLocalMapReader.isOpen()) {
                throw new IllegalStateException("the ThreadLocal maps cannot be read");
            }
            ExitCloser.quiet(options.log() == LogLevel.QUIET);
            FindingKind.exitLeaksClosed();
            FailurePolicy.setListener(new OwnedKeyFailures());
            if (options.clearAfterTask()) {
                TaskTracker.LeftBehind.collect(); // diagnose's task-end scan passes its verdicts on from now
            }
            ExitEvents.addHandler(new EnforceEvents(options.clearAfterTask()));
        } catch (Throwable failed) {
            if (options.log() != LogLevel.QUIET) {
                System.err.println("localdrop: warning: mode=enforce could not be installed (" + failed
                        + "); plain ThreadLocal values will not be closed at thread exit");
            }
        }
    }
}
