package io.localdrop.it.observe;

import io.localdrop.it.stacks.HttpJson;
import io.localdrop.it.support.ChildJvm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real-stack suite's Spring Boot application ({@code stack-apps/spring-boot-app}, the same fat jar) as a plain
 * child JVM on this host: {@code java -javaagent:... -jar app.jar}, on a free port, its output read line by line
 * (the port and "Started" come from it: no polling, no sleep), stopped with SIGTERM, which is Spring Boot's graceful
 * shutdown and the JVM's ordinary exit (the final report is written then).
 */
final class BootServer implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 180;
    private static final Pattern PORT = Pattern.compile("Tomcat started on port(?:\\(s\\))?:? (\\d+)");
    /** The application's package, as it appears in findings. */
    static final String APP = "io.localdrop.stackapps.boot.";

    private final Process process;
    private final StringBuffer log = new StringBuffer();
    private final CompletableFuture<Integer> started = new CompletableFuture<>();
    private int port;

    private BootServer(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "boot-server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the application with the agent and {@code agentOptions}, and waits until Spring Boot has started. */
    static BootServer start(String agentOptions) throws Exception {
        Path jar = Path.of(System.getProperty("localdrop.stacks.bootJar", "missing"));
        assertTrue(Files.isRegularFile(jar), "the Spring Boot fat jar is missing at " + jar
                + ": build stack-apps/spring-boot-app first (mvn -pl integration-tests -am verify does)");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-javaagent:" + ChildJvm.agentJar() + "=" + agentOptions,
                // C1 only, as in the suite's container: Spring Boot starts faster on 2 shared cores
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString(),
                "--server.port=0", "--server.address=127.0.0.1"));
        BootServer server = new BootServer(new ProcessBuilder(command).redirectErrorStream(true).start());
        try {
            server.port = server.started.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
            server.close();
            fail("Spring Boot did not start: " + e + "\n" + server.log);
        }
        return server;
    }

    long pid() {
        return process.pid();
    }

    int port() {
        return port;
    }

    /** A new keep-alive client of the application. */
    HttpJson client() {
        return new HttpJson("127.0.0.1", port);
    }

    /** SIGTERM, and waits for the JVM's end; fails unless it exits as a JVM ended by SIGTERM does (143) or 0. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            close();
            fail("the application did not stop: " + log);
        }
        int exit = process.exitValue();
        assertTrue(exit == 0 || exit == 143, "exit " + exit + ":\n" + log);
    }

    String log() {
        return log.toString();
    }

    private void readOutput() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            Integer seenPort = null;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                log.append(line).append('\n');
                Matcher matcher = PORT.matcher(line);
                if (matcher.find()) {
                    seenPort = Integer.valueOf(matcher.group(1));
                }
                if (line.contains("Started BootApp") && seenPort != null) {
                    started.complete(seenPort);
                }
            }
        } catch (IOException e) {
            started.completeExceptionally(e);
        }
        started.completeExceptionally(new IllegalStateException("the application's output ended"));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
