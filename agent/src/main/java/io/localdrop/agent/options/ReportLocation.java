package io.localdrop.agent.options;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Tries, at start-up, that option {@code report} can be written: creates its directory and creates and
 * deletes a probe file in it. A report that could never be written is otherwise found out at shutdown, after
 * a day of traffic whose findings are then lost; a bad location is a bad option (exit 2 before main).
 *
 * <p>Kept apart from {@link OptionParser}, which has no side effects, so that parsing can be tested (and
 * fuzzed) without touching the file system.
 */
final class ReportLocation {
    private ReportLocation() {
    }

    /** @throws BadOptionException naming the option, the value and the reason, when the location is unusable */
    static void check(AgentOptions options) {
        Path report = options.report().orElse(null);
        if (report == null) {
            return;
        }
        String pair = "report=" + options.given().get("report");
        if (Files.exists(report) && !Files.isDirectory(report) && !Files.isRegularFile(report)) {
            // each write renames a new file over it: report=/dev/null, run as root, would turn the machine's
            // /dev/null into a plain file
            throw bad(pair, "it is not a regular file (a device, pipe or socket), and each write replaces the file");
        }
        Path directory = report.toAbsolutePath().getParent();
        try {
            Files.createDirectories(directory);
        } catch (IOException | RuntimeException cannotCreate) {
            throw bad(pair, "cannot create the directory " + directory + " (" + reason(cannotCreate) + ")");
        }
        Path probe = directory.resolve("." + report.getFileName() + "." + ProcessHandle.current().pid() + ".probe");
        try {
            Files.deleteIfExists(probe);
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException | RuntimeException cannotWrite) {
            throw bad(pair, "cannot create a file in " + directory + " (" + reason(cannotWrite) + ")");
        }
        if (Files.isDirectory(report)) {
            throw bad(pair, "it is a directory");
        }
    }

    private static BadOptionException bad(String pair, String problem) {
        return OptionParser.bad(pair, "report", problem);
    }

    /** The exception's class without its package, and its message (which names the path for file errors). */
    private static String reason(Exception failure) {
        String type = failure.getClass().getSimpleName();
        return failure.getMessage() == null ? type : type + ": " + failure.getMessage();
    }
}
