package io.localdrop.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings a test allowed ({@link AllowThreadLocalLeak}), written for the Maven plugin's {@code check}, which
 * otherwise sees them in the agent's report and fails the build on a leak the test accepted with a reason.
 * prepare-agent gives the test JVM the system property {@value #DIRECTORY_PROPERTY}; each JVM appends to
 * {@code allowed-<pid>.tsv} there, beside its {@code report-<pid>.json}: one line per allowed finding, its
 * {@link Finding#identity()}, a tab, and the annotation as written. Without the property nothing is written.
 */
public final class AllowedLeakLog {
    /** The system property naming the directory; set by the plugin's prepare-agent. */
    public static final String DIRECTORY_PROPERTY = "localdrop.reportDirectory";
    private static final String PREFIX = "allowed-";
    private static final String SUFFIX = ".tsv";

    private AllowedLeakLog() {
    }

    /** Appends one allowed finding, when the plugin asked for the log. */
    static void record(Finding finding, String annotation) {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        if (directory == null || directory.isEmpty()) {
            return;
        }
        Path file = Path.of(directory).resolve(PREFIX + ProcessHandle.current().pid() + SUFFIX);
        String line = oneLine(finding.identity()) + '\t' + oneLine(annotation) + '\n';
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the build would then fail on a leak the test allowed: say why here instead
            throw new UncheckedIOException("localdrop: cannot record an allowed leak in " + file, e);
        }
    }

    /**
     * The allowed findings logged by the JVM that wrote {@code report} ({@code report-<pid>.json}): identity to
     * the annotation that allowed it; empty when that JVM allowed none.
     */
    public static Map<String, String> readFor(Path report) throws IOException {
        String name = report.getFileName().toString();
        Map<String, String> allowed = new HashMap<>();
        if (!name.startsWith("report-") || !name.endsWith(".json")) {
            return allowed;
        }
        String pid = name.substring("report-".length(), name.length() - ".json".length());
        Path file = report.resolveSibling(PREFIX + pid + SUFFIX);
        if (!Files.isRegularFile(file)) {
            return allowed;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            int tab = line.indexOf('\t');
            if (tab > 0) {
                allowed.putIfAbsent(line.substring(0, tab), line.substring(tab + 1));
            }
        }
        return allowed;
    }

    /** The files of an earlier build, deleted with its reports. */
    public static boolean isLog(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(PREFIX) && name.endsWith(SUFFIX);
    }

    private static String oneLine(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
