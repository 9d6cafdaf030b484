package io.localdrop.agent.report;

import io.localdrop.agent.health.InternalErrors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Writes the report file atomically: a temporary file in the same directory (created with mode 0600, so
 * the report is never readable by others, not even for a moment), then a rename over the old report. A
 * reader sees the previous report or the new one, never half of one.
 *
 * <p>The temporary file is named {@code .NAME.PID.RANDOM.tmp}. A JVM killed (SIGKILL) between creating and
 * renaming it cannot remove it; the next writer does: at start-up and before every write, temporary files
 * of this report whose process is no longer alive, or that are this process's own (left by a write that
 * failed), are deleted. A normal exit leaves none: after the last write at shutdown {@link #close} stops every
 * later one, so the periodic writer is never cut off half way by the end of the JVM.
 */
public final class ReportFile {
    private static final long PID = ProcessHandle.current().pid();
    private static boolean closed;

    private ReportFile() {
    }

    /** Writes {@code json} to {@code report}, unless {@link #close} was called: then nothing. */
    public static synchronized void write(Path report, String json) throws IOException {
        if (closed) {
            return;
        }
        Path target = report.toAbsolutePath();
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            // the rename below would replace a device, a pipe or an empty directory made there since start-up
            throw new IOException(target + " is not a regular file; the report is not written over it");
        }
        Path directory = target.getParent();
        Files.createDirectories(directory);
        removeStaleTemporaries(target);
        String prefix = prefix(target) + PID + ".";
        Path temporary;
        try {
            temporary = Files.createTempFile(directory, prefix, ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            // not a failure: a file system without POSIX modes (the file gets the platform's private default)
            temporary = Files.createTempFile(directory, prefix, ".tmp");
        }
        try {
            Files.write(temporary, json.getBytes(StandardCharsets.UTF_8));
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException noAtomicMove) {
                // not a failure: a file system without atomic rename; the plain replace is the best it offers
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Deletes the temporary files of {@code report} that no write will finish: those of processes that are
     * gone, and this process's own (writes are serialized here, so none of ours is in progress). Never throws.
     */
    static synchronized void removeStaleTemporaries(Path report) {
        Path target = report.toAbsolutePath();
        String prefix = prefix(target);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(target.getParent())) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(".tmp") && isStale(name.substring(prefix.length()))) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | RuntimeException failed) {
            InternalErrors.record("report: removing stale temporary files", failed);
        }
    }

    /** {@code PID.RANDOM.tmp}: stale when the process is this one or no longer alive; other names are left alone. */
    private static boolean isStale(String rest) {
        int dot = rest.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        long pid;
        try {
            pid = Long.parseLong(rest.substring(0, dot));
        } catch (NumberFormatException notOurs) {
            // a file of an older writer (.NAME.RANDOM.tmp) or someone else's: not ours to delete
            return false;
        }
        if (pid == PID) {
            return true;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        return !process.isPresent() || !process.get().isAlive();
    }

    private static String prefix(Path target) {
        return "." + target.getFileName() + ".";
    }

    /**
     * Ends the writing: waits for a write under way, and makes every later one do nothing. Called after the
     * last report at shutdown, so that the periodic writer is never cut off half way by the JVM's end.
     */
    static synchronized void close() {
        closed = true;
    }

    /** Lets writes happen again (tests only). */
    static synchronized void reopen() {
        closed = false;
    }
}
