package io.localdrop.agent.cli;

import io.localdrop.agent.health.InternalErrors;
import io.localdrop.internal.BridgeProtocol;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * The target side of {@code report PID}: the command-line tool loads the agent jar into the running JVM with
 * the agentmain-only option {@code report-to=FILE}, and this writes the live report
 * ({@code LocaldropBridge.report()}, the agent's state now) to FILE before the attach call returns. The agent
 * opens no port; the file, in a fresh directory the tool made, is the channel. Through the bridge, so the
 * report is that of the agent the JVM runs, whichever copy of the jar it was started with.
 *
 * <p>The file holds the report's JSON, or one line starting {@value #ERROR_PREFIX} saying why there is none.
 * FILE must be absolute, in an existing directory, and must not exist (it is created, never overwritten).
 */
public final class LiveReportRequest {
    /** The option; given alone, and only to agentmain ({@code premain} refuses it as an unknown option). */
    public static final String OPTION = "report-to";
    static final String ERROR_PREFIX = "error: ";

    private LiveReportRequest() {
    }

    /** Whether agentmain's arguments are a live report request rather than agent options. */
    public static boolean isRequest(String arguments) {
        return arguments != null && arguments.startsWith(OPTION + "=");
    }

    /** Answers the request; never throws (a failure is said on stderr, recorded, and written to FILE if possible). */
    public static void answer(String arguments) {
        Path file;
        try {
            file = target(arguments.substring(OPTION.length() + 1));
        } catch (IllegalArgumentException bad) {
            System.err.println("localdrop: " + bad.getMessage() + " (no live report written)");
            return;
        }
        String text;
        try {
            text = liveReport();
        } catch (Throwable failed) {
            InternalErrors.record("cli: reading the live report for report-to", failed);
            text = ERROR_PREFIX + "reading the live report failed: " + failed;
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } catch (IOException | RuntimeException failed) {
            InternalErrors.record("cli: writing the report-to file", failed);
            System.err.println("localdrop: writing the live report to " + file + " failed: " + failed);
        }
    }

    static Path target(String value) {
        Path file;
        try {
            file = Paths.get(value);
        } catch (RuntimeException invalid) {
            throw new IllegalArgumentException(OPTION + "=" + value + ": not a path");
        }
        if (!file.isAbsolute() || file.getParent() == null || !Files.isDirectory(file.getParent())) {
            throw new IllegalArgumentException(OPTION + "=" + value + ": must be an absolute path in an existing directory");
        }
        if (Files.exists(file)) {
            throw new IllegalArgumentException(OPTION + "=" + value + ": exists already (never overwritten)");
        }
        return file;
    }

    /** The bridge's live report, or a line saying why there is none. */
    private static String liveReport() throws ReflectiveOperationException {
        Class<?> bridge;
        try {
            bridge = Class.forName(BridgeProtocol.CLASS_NAME, false, null);
        } catch (ClassNotFoundException notLoaded) {
            return ERROR_PREFIX + "localdrop is not loaded in this JVM";
        }
        Object report = bridge.getMethod(BridgeProtocol.REPORT_METHOD).invoke(null);
        if (!(report instanceof String)) {
            return ERROR_PREFIX + "the agent in this JVM publishes no live report (mode=off, or an older agent)";
        }
        return (String) report;
    }
}
