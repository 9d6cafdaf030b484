package io.localdrop.maven;

import io.localdrop.testing.AllowedLeakLog;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The directory the test JVMs write their reports into, one file each: {@code report-<pid>.json}, the agent
 * replacing {@code %p} of option {@code report} with its pid, and beside it the findings its tests allowed
 * ({@link AllowedLeakLog}). prepare-agent names the files, check reads them.
 */
final class ReportDirectory {
    private static final String PREFIX = "report-";
    private static final String SUFFIX = ".json";

    private final Path directory;

    ReportDirectory(Path directory) {
        this.directory = directory;
    }

    Path path() {
        return directory;
    }

    /** The value of the agent's option {@code report}: one file per JVM. */
    String reportOption() {
        return directory.resolve(PREFIX + "%p" + SUFFIX).toString();
    }

    /** The reports written so far, by name. */
    List<Path> reports() throws IOException {
        List<Path> found = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return found;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, PREFIX + "*" + SUFFIX)) {
            for (Path file : files) {
                found.add(file);
            }
        }
        Collections.sort(found);
        return found;
    }

    /**
     * Deletes the reports of an earlier build (a {@code mvn verify} without {@code clean}), so that check judges
     * only the JVMs of this build.
     */
    int deleteOldReports() throws IOException {
        int deleted = 0;
        for (Path old : reports()) {
            Files.delete(old);
            deleted++;
        }
        if (Files.isDirectory(directory)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, AllowedLeakLog::isLog)) {
                for (Path old : files) {
                    Files.delete(old);
                }
            }
        }
        return deleted;
    }
}
