package io.localdrop.it.containers;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.localdrop.OwnedKey;
import io.localdrop.it.containers.app.ServerMain;
import io.localdrop.testing.LocaldropContainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

/**
 * The fixture server ({@link ServerMain}, embedded Tomcat) in a {@code localdrop/jdk} container with
 * the agent, and a minimal HTTP client for the host side.
 *
 * <p>The container gets one folder, {@code /app}, built once per test JVM from this module's test
 * class path: {@code classes/} (the fixture app), {@code lib/} (tomcat-embed-core and its
 * annotations API, localdrop-runtime), and {@code webapp/WEB-INF/classes} (the plugin web
 * application, kept off the class path so that Tomcat's WebappClassLoader defines it).
 */
final class FixtureServer {

    static final int PORT = 8080;
    static final String APP_PACKAGE = "io/localdrop/it/containers/app";
    static final String PLUGIN_PACKAGE = APP_PACKAGE + "/plugin";

    private static Path appDir;

    private FixtureServer() {
    }

    /**
     * A container, not started yet, running the fixture server with the agent and {@code agentOptions}.
     * Fails (never skips) when Docker or the image is missing, unless skipped on purpose.
     */
    static GenericContainer<?> container(String agentOptions) {
        ContainerEnvironment.assumeOrFail();
        GenericContainer<?> server = new GenericContainer<>(DockerImageName.parse(ContainerEnvironment.jdkImage()))
                .withCopyFileToContainer(MountableFile.forHostPath(appDir()), "/app")
                .withExposedPorts(PORT)
                // opened for Tomcat's own leak checks at undeploy (it reads Thread.threadLocals and caches reflectively)
                .withCommand("java", "--add-opens=java.base/java.lang=ALL-UNNAMED",
                        "--add-opens=java.base/java.io=ALL-UNNAMED", "--add-opens=java.rmi/sun.rmi.transport=ALL-UNNAMED",
                        "-Xmx128m",
                        "-cp", "/app/classes:/app/runtime-classes:/app/lib/*", ServerMain.class.getName(), "/app")
                .waitingFor(Wait.forLogMessage(".*localdrop-fixture: listening.*\\n", 1)
                        .withStartupTimeout(Duration.ofSeconds(90)));
        return LocaldropContainer.attach(server, agentJar(), agentOptions);
    }

    static Path agentJar() {
        Path jar = Path.of(System.getProperty("localdrop.agent.jar", "../agent/target/localdrop-agent.jar"));
        assertTrue(Files.isRegularFile(jar), "the agent jar is missing at " + jar + ": build the agent module first");
        return jar;
    }

    /** GET {@code path} over HTTP/1.0 (one request per connection) and return the body; fails unless 200. */
    static String get(GenericContainer<?> server, String path) {
        try (Socket socket = new Socket(server.getHost(), server.getMappedPort(PORT))) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.0\r\nHost: localhost\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int bodyAt = response.indexOf("\r\n\r\n");
            if (!response.startsWith("HTTP/1.1 200") || bodyAt < 0) {
                throw new AssertionError("GET " + path + " answered:\n" + response + "\nserver log:\n" + server.getLogs());
            }
            return response.substring(bodyAt + 4);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed; server log:\n" + server.getLogs(), e);
        }
    }

    /** The value of {@code name=} in a fixture response such as {@code "plugin set-line=27 thread=..."}. */
    static String field(String response, String name) {
        for (String part : response.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + "= in response: " + response);
    }

    /** The folder copied to {@code /app}, built on first use from this test JVM's class path. */
    static synchronized Path appDir() {
        if (appDir != null) {
            return appDir;
        }
        try {
            Path testClasses = Path.of(System.getProperty("localdrop.fixtures.classes",
                    locationOf(ServerMain.class).toString()));
            Path dir = testClasses.getParent().resolve("container-app");
            deleteTree(dir);
            copyClasses(testClasses, dir.resolve("classes"), false);
            copyClasses(testClasses, dir.resolve("webapp/WEB-INF/classes"), true);
            Files.createDirectories(dir.resolve("lib"));
            Files.createDirectories(dir.resolve("runtime-classes"));
            copyLibrary(locationOf(org.apache.catalina.startup.Tomcat.class), dir);
            copyLibrary(locationOf(Class.forName("jakarta.annotation.PostConstruct")), dir);
            Path runtime = locationOf(OwnedKey.class);
            if (Files.isDirectory(runtime)) {
                copyTree(runtime, dir.resolve("runtime-classes"));
            } else {
                copyLibrary(runtime, dir);
            }
            appDir = dir;
            return dir;
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("could not build the container's /app folder: " + e, e);
        }
    }

    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void copyLibrary(Path jar, Path dir) throws IOException {
        Files.copy(jar, dir.resolve("lib").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Copies the fixture app's classes: the plugin package only, or everything but the plugin package. */
    private static void copyClasses(Path testClasses, Path target, boolean plugin) throws IOException {
        Path app = testClasses.resolve(APP_PACKAGE);
        try (Stream<Path> files = Files.walk(app)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String relative = testClasses.relativize(file).toString().replace('\\', '/');
                if (relative.startsWith(PLUGIN_PACKAGE + "/") == plugin) {
                    Path to = target.resolve(relative);
                    Files.createDirectories(to.getParent());
                    Files.copy(file, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
