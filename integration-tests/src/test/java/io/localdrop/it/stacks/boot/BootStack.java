package io.localdrop.it.stacks.boot;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.localdrop.it.containers.ContainerEnvironment;
import io.localdrop.it.stacks.HttpJson;
import io.localdrop.it.stacks.PipelinedHttp;
import io.localdrop.it.stacks.SourceLines;
import io.localdrop.it.stacks.StackReport;
import io.localdrop.it.support.ChildJvm;
import io.localdrop.testing.LocaldropContainer;
import io.localdrop.testing.StoppedContainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/** The Spring Boot application in a container with the agent: start, HTTP clients, graceful stop, report. */
final class BootStack implements AutoCloseable {

    static final int PORT = 8080;
    /** The application's package, as it appears in findings. */
    static final String APP = "io.localdrop.stackapps.boot.";

    /** The servlet container the application runs on: one application, two fat jars (stack-apps). */
    enum Server {
        /** {@code stack-apps/spring-boot-app}: Spring Boot's default, Tomcat 10.1. */
        TOMCAT("localdrop.stacks.bootJar", "stack-apps/spring-boot-app"),
        /** {@code stack-apps/spring-boot-jetty-app}: the same classes on Jetty 12 (spring-boot-starter-jetty). */
        JETTY("localdrop.stacks.bootJettyJar", "stack-apps/spring-boot-jetty-app"),
        /** {@code stack-apps/spring-boot4-app}: the same classes on Spring Boot 4.0 (Tomcat 11, Spring Framework 7). */
        BOOT4_TOMCAT("localdrop.stacks.boot4Jar", "stack-apps/spring-boot4-app");

        private final String jarProperty;
        private final String module;

        Server(String jarProperty, String module) {
            this.jarProperty = jarProperty;
            this.module = module;
        }

        Path jar() {
            Path jar = Path.of(System.getProperty(jarProperty, "missing"));
            assertTrue(Files.isRegularFile(jar), "the Spring Boot fat jar is missing at " + jar + ": build "
                    + module + " first (mvn -pl integration-tests -am verify does)");
            return jar;
        }
    }

    private final String name;
    private final GenericContainer<?> container;

    private BootStack(String name, GenericContainer<?> container) {
        this.name = name;
        this.container = container;
    }

    /**
     * Starts the fat jar (once per test class) and waits until Spring Boot says it started.
     *
     * @param server the fat jar to run
     * @param virtualThreads whether to run with {@code spring.threads.virtual.enabled=true}
     */
    static BootStack start(String name, Server server, boolean virtualThreads) {
        ContainerEnvironment.assumeOrFail();
        // C1 only: Spring Boot starts faster on 2 shared cores, and the suite measures findings, not speed
        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", "/app/app.jar"));
        if (virtualThreads) {
            command.add("--spring.threads.virtual.enabled=true");
        }
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(ContainerEnvironment.jdkImage()))
                .withCopyFileToContainer(MountableFile.forHostPath(server.jar(), 0644), "/app/app.jar")
                .withExposedPorts(PORT)
                .withCommand(command.toArray(new String[0]))
                .waitingFor(Wait.forLogMessage(".*Started BootApp.*\\n", 1).withStartupTimeout(Duration.ofMinutes(3)));
        LocaldropContainer.attach(container, ChildJvm.agentJar(), null);
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close(); // no Ryuk here: a container that failed to start must not stay behind
            throw e;
        }
        return new BootStack(name, container);
    }

    /** A new keep-alive client of the application. */
    HttpJson client() {
        return new HttpJson(container.getHost(), container.getMappedPort(PORT));
    }

    /** Sends GETs pipelined on one new connection ({@link PipelinedHttp}) and returns the answers. */
    List<JsonNode> pipelined(List<PipelinedHttp.Get> gets) {
        return PipelinedHttp.send(container.getHost(), container.getMappedPort(PORT), gets);
    }

    /** Stops the JVM gracefully (SIGTERM: Spring Boot's graceful shutdown, then the JVM's exit) and reads the report. */
    StackReport stop(String oracleSummary) {
        StoppedContainer stopped = LocaldropContainer.stop(container, Duration.ofSeconds(90));
        String json = stopped.reportJson().orElseThrow(() -> new AssertionError(name + ": no report; exit "
                + stopped.exitCode() + "; log:\n" + stopped.logs()));
        StackReport.keep(name, json);
        StackReport report = StackReport.parse(name, json, "oracle: " + oracleSummary + "\nexit code "
                + stopped.exitCode() + "; last lines of the log:\n" + tail(stopped.logs(), 40));
        System.out.println("real-stack " + name + ": " + report.summaryLine());
        return report;
    }

    /** The app's line {@code Class.method(Class.java:N)} ending with {@code // marker}; {@code type} relative to {@link #APP}. */
    static String site(String type, String method, String marker) {
        return SourceLines.site(SourceLines.bootSources(), APP + type, method, marker);
    }

    @Override
    public void close() {
        container.close();
    }

    private static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", Arrays.asList(all).subList(Math.max(0, all.length - lines), all.length));
    }
}
