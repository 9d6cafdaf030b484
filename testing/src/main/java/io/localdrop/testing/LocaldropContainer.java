package io.localdrop.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.MountableFile;

/**
 * Puts the localdrop agent into any JVM container of Testcontainers and hands back what the agent
 * found when the container stops. Works with any image whose JVM honours {@code JAVA_TOOL_OPTIONS}
 * (every HotSpot JVM does), without changing the image or the command.
 *
 * <pre>{@code
 * try (GenericContainer<?> app = new GenericContainer<>("my-app:latest").withExposedPorts(8080)) {
 *     LocaldropContainer.attach(app, Path.of("localdrop-agent.jar"), "mode=diagnose");
 *     app.start();
 *     ... drive the application ...
 *     StoppedContainer stopped = LocaldropContainer.stop(app, Duration.ofSeconds(30));
 *     LeakReport report = stopped.report();
 *     assertEquals(List.of(), report.errors(), report.describe());
 * }
 * }</pre>
 *
 * <p>The report is copied out of the stopped container through the Docker API before it is
 * removed, so no bind mount, no host directory and no file ownership question is involved.
 */
public final class LocaldropContainer {

    /** Where the agent jar goes in the container. */
    public static final String AGENT_PATH = "/localdrop/localdrop-agent.jar";
    /** The directory the agent writes its report into; world-writable so any container user can write it. */
    public static final String REPORT_DIR = "/localdrop/out";
    /** The report the agent writes at JVM shutdown. */
    public static final String REPORT_PATH = REPORT_DIR + "/report.json";

    private static final String TOOL_OPTIONS = "JAVA_TOOL_OPTIONS";

    private LocaldropContainer() {
    }

    /**
     * Prepares a container that is not started yet: copies the agent jar in, makes the report
     * directory, and puts {@code -javaagent:AGENT_PATH=report=REPORT_PATH,OPTIONS} in front of the
     * container's {@code JAVA_TOOL_OPTIONS}.
     *
     * @param agentJar the localdrop agent jar on the host
     * @param options  agent options ({@code key=value,...}, docs/agent.md) without {@code report}, or null/empty
     * @return the same container
     * @throws IllegalArgumentException when the jar is not a file, or the options name {@code report}
     */
    public static <C extends GenericContainer<?>> C attach(C container, Path agentJar, String options) {
        if (agentJar == null || !Files.isRegularFile(agentJar)) {
            throw new IllegalArgumentException("localdrop: agent jar '" + agentJar + "' is not a file: expected the path"
                    + " of localdrop-agent.jar (Maven: agent/target/localdrop-agent.jar, or the artifact localdrop-agent)");
        }
        String agentArgs = "report=" + REPORT_PATH;
        if (options != null && !options.isBlank()) {
            for (String pair : options.split(",")) {
                if (pair.trim().startsWith("report=")) {
                    throw new IllegalArgumentException("localdrop: agent option '" + pair.trim() + "' is not accepted here:"
                            + " LocaldropContainer chooses the report path (" + REPORT_PATH + "); pass the other options only");
                }
            }
            agentArgs += "," + options.trim();
        }
        if (agentArgs.contains(" ")) {
            throw new IllegalArgumentException("localdrop: agent options '" + options + "' contain a space: "
                    + TOOL_OPTIONS + " splits on spaces, so options must have none");
        }
        String javaAgent = "-javaagent:" + AGENT_PATH + "=" + agentArgs;
        String existing = container.getEnvMap().get(TOOL_OPTIONS);
        container.withCopyFileToContainer(MountableFile.forHostPath(agentJar, 0644), AGENT_PATH);
        container.withCopyToContainer(new WritableDirectory(), REPORT_DIR);
        container.withEnv(TOOL_OPTIONS, existing == null || existing.isBlank() ? javaAgent : javaAgent + " " + existing);
        return container;
    }

    /**
     * Stops the container's JVM gracefully (SIGTERM, so its shutdown hooks write the report; SIGKILL
     * after {@code timeout}), or just waits for it when it has already exited, and collects the
     * exit code, the log and the report. The container is stopped but not removed: close it (or
     * {@code stop()} it) as usual afterwards.
     */
    public static StoppedContainer stop(GenericContainer<?> container, Duration timeout) {
        String id = container.getContainerId();
        if (id == null) {
            throw new IllegalStateException("localdrop: the container was never started, so it has no report");
        }
        DockerClient docker = container.getDockerClient();
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toSeconds()));
        try {
            docker.stopContainerCmd(id).withTimeout(seconds).exec();
        } catch (NotModifiedException alreadyStopped) {
            // exited by itself (e.g. halt(134)): nothing to stop
        }
        long exitCode = exitCode(docker, id, seconds);
        String logs = container.getLogs();
        return new StoppedContainer(exitCode, logs, copyReport(docker, id));
    }

    /**
     * Waits, without sending any signal, until the container's JVM exits by itself (the application
     * ended, or halted), then collects its exit code, log and report like {@link #stop}.
     *
     * @throws IllegalStateException when it is still running after {@code timeout} (it is then stopped, so
     *                               that its log can go into the message)
     */
    public static StoppedContainer awaitExit(GenericContainer<?> container, Duration timeout) {
        String id = container.getContainerId();
        if (id == null) {
            throw new IllegalStateException("localdrop: the container was never started, so it cannot exit");
        }
        DockerClient docker = container.getDockerClient();
        Integer code = waitForExit(docker, id, Math.max(1, timeout.toMillis()));
        if (code == null) {
            StoppedContainer stopped = stop(container, Duration.ofSeconds(10));
            throw new IllegalStateException("localdrop: the container did not exit within " + timeout
                    + "; stopped it. Last lines of its log:\n" + StoppedContainer.tail(stopped.logs(), 30));
        }
        return new StoppedContainer(code, container.getLogs(), copyReport(docker, id));
    }

    /** {@link #stop(GenericContainer, Duration)} with 30 seconds, returning the report (which must exist). */
    public static LeakReport stopAndReadReport(GenericContainer<?> container) {
        return stop(container, Duration.ofSeconds(30)).report();
    }

    /** The exit status once the container has exited, or null when it still runs after {@code millis}. */
    private static Integer waitForExit(DockerClient docker, String id, long millis) {
        try {
            return docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())
                    .awaitStatusCode(millis, TimeUnit.MILLISECONDS);
        } catch (DockerClientException timedOut) {
            return null;
        }
    }

    private static long exitCode(DockerClient docker, String id, int seconds) {
        Integer waited = waitForExit(docker, id, (seconds + 10L) * 1000);
        if (waited != null) {
            return waited;
        }
        InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(id).exec().getState();
        Long code = state.getExitCodeLong();
        return code == null ? -1 : code;
    }

    private static String copyReport(DockerClient docker, String id) {
        try (InputStream tar = docker.copyArchiveFromContainerCmd(id, REPORT_PATH).exec();
             TarArchiveInputStream entries = new TarArchiveInputStream(tar)) {
            TarArchiveEntry entry = entries.getNextTarEntry();
            if (entry == null || !entry.isFile()) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            entries.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (NotFoundException noReport) {
            return null;
        } catch (IOException e) {
            throw new IllegalStateException("localdrop: could not copy " + REPORT_PATH + " out of container " + id + ": " + e, e);
        }
    }

    /** An empty directory with mode 0777, so the report can be written whatever user the container runs as. */
    private static final class WritableDirectory implements Transferable {
        @Override
        public long getSize() {
            return 0;
        }

        @Override
        public int getFileMode() {
            return 040777;
        }

        @Override
        public void transferTo(TarArchiveOutputStream tar, String destination) {
            TarArchiveEntry entry = new TarArchiveEntry(destination.endsWith("/") ? destination : destination + "/");
            entry.setMode(040777);
            try {
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            } catch (IOException e) {
                throw new IllegalStateException("localdrop: could not add " + destination + " to the container", e);
            }
        }

        @Override
        public String getDescription() {
            return "localdrop report directory";
        }
    }
}
