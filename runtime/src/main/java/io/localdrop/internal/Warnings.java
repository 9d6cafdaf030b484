package io.localdrop.internal;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** The runtime's warnings, through {@link System.Logger} under the name {@code io.localdrop}. */
final class Warnings {
    static final String LOGGER_NAME = "io.localdrop";
    private static final AtomicBoolean NO_EXIT_HOOK_TOLD = new AtomicBoolean();

    private Warnings() {
    }

    /** Rule 12: once per JVM. */
    static void noExitHook(String keyName) {
        if (NO_EXIT_HOOK_TOLD.get() || !NO_EXIT_HOOK_TOLD.compareAndSet(false, true)) {
            return;
        }
        log("owned key '" + keyName + "' was initialized on thread '" + Thread.currentThread().getName()
                + "', which has no exit hook: its destructor will not run when the thread exits. Start the JVM with "
                + "-javaagent:localdrop-agent.jar, call Localdrop.install(), or run the thread through "
                + "Localdrop.wrap / Localdrop.threadFactory. (Said once per JVM.)");
    }

    /** Rule 8: one warning per exit naming each leaked key and the thread. */
    static void leakedBeyondBound(List<String> keyNames, int bound) {
        log("thread '" + Thread.currentThread().getName() + "' leaked " + keyNames.size()
                + " value(s) initialized beyond maxDestructorRounds=" + bound + " without destroying them: keys " + keyNames);
    }

    private static void log(String message) {
        try {
            System.getLogger(LOGGER_NAME).log(Level.WARNING, "localdrop: " + message);
        } catch (Throwable loggerBroken) {
            System.err.println("localdrop: warning: " + message);
        }
    }
}
