package io.localdrop.it.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts a real child JVM: the {@code java} of the running JVM's {@code java.home} (so {@code -Djvm=...}
 * on surefire picks the JDK of both), with {@code -javaagent:${localdrop.agent.jar}[=options]} unless
 * told otherwise, this JVM's class path, and a main class. Captures exit status, stdout and stderr
 * (through files, so a chatty child never blocks on a full pipe), with a timeout after which the child
 * is killed and the test fails with what it printed.
 *
 * <pre>{@code
 * ChildJvm.Result result = ChildJvm.main(MyFixture.class).agentOptions("mode=off").args("x").run();
 * result.assertExit(0);
 * assertTrue(result.stdout().contains("..."));
 * }</pre>
 */
public final class ChildJvm {
    /** System property naming the agent jar (set by surefire in integration-tests). */
    public static final String AGENT_JAR_PROPERTY = "localdrop.agent.jar";

    private final String mainClass;
    private Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
    private boolean agent = true;
    private String agentOptions;
    private String classPath = System.getProperty("java.class.path");
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Duration timeout = Duration.ofSeconds(120);

    private ChildJvm(String mainClass) {
        this.mainClass = mainClass;
    }

    /** A child running {@code mainClass}'s {@code main}, with the agent and default options. */
    public static ChildJvm main(Class<?> mainClass) {
        return new ChildJvm(mainClass.getName());
    }

    /** A child running the named main class. */
    public static ChildJvm main(String mainClass) {
        return new ChildJvm(mainClass);
    }

    /** The agent jar the tests use: property {@value #AGENT_JAR_PROPERTY}; fails if missing. */
    public static Path agentJar() {
        String jar = System.getProperty(AGENT_JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Paths.get(jar))) {
            throw new IllegalStateException("system property " + AGENT_JAR_PROPERTY + " must name the packaged agent jar"
                    + " (run through Maven: mvn -pl integration-tests -am verify); it is " + jar);
        }
        return Paths.get(jar);
    }

    /** The feature version of the JDK children run on (the running one). */
    public static int javaFeature() {
        return Runtime.version().feature();
    }

    /** Start the child with {@code -javaagent:jar=options}. */
    public ChildJvm agentOptions(String options) {
        this.agent = true;
        this.agentOptions = options;
        return this;
    }

    /** Start the child without the agent (baselines, and {@code Localdrop.install()} tests). */
    public ChildJvm noAgent() {
        this.agent = false;
        return this;
    }

    public ChildJvm java(Path javaExecutable) {
        this.java = javaExecutable;
        return this;
    }

    /** Replaces the class path (default: this JVM's). */
    public ChildJvm classPath(String newClassPath) {
        this.classPath = newClassPath;
        return this;
    }

    /** JVM options before the main class ({@code -Dx=y}, {@code -XX:...}). */
    public ChildJvm jvmArgs(String... moreJvmArgs) {
        Collections.addAll(jvmArgs, moreJvmArgs);
        return this;
    }

    /** Program arguments after the main class. */
    public ChildJvm args(String... moreArgs) {
        Collections.addAll(args, moreArgs);
        return this;
    }

    public ChildJvm env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    public ChildJvm timeout(Duration newTimeout) {
        this.timeout = newTimeout;
        return this;
    }

    /** The full command line this child would run. */
    public List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        if (agent) {
            String option = "-javaagent:" + agentJar();
            if (agentOptions != null) {
                option += "=" + agentOptions;
            }
            command.add(option);
        }
        command.addAll(jvmArgs);
        if (classPath != null && !classPath.isEmpty()) {
            command.add("-cp");
            command.add(classPath);
        }
        command.add(mainClass);
        command.addAll(args);
        return command;
    }

    /**
     * Runs the child to its end and returns what it did.
     *
     * @throws AssertionError if it did not end within the timeout (it is killed; the message has its output)
     */
    public Result run() throws IOException, InterruptedException {
        List<String> command = command();
        Path out = Files.createTempFile("child-jvm-", ".out");
        Path err = Files.createTempFile("child-jvm-", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(nullDevice())));
            builder.environment().putAll(environment);
            // A core dump or hs_err file from a child would be a finding in itself; keep them out of the tree.
            builder.directory(Files.createTempDirectory("child-jvm-cwd-").toFile());
            Process process = builder.start();
            boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!ended) {
                process.destroyForcibly().waitFor();
            }
            Result result = new Result(command, ended ? process.exitValue() : -1,
                    Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8),
                    builder.directory().toPath());
            if (!ended) {
                throw new AssertionError("child JVM did not end within " + timeout + ": " + result);
            }
            return result;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String nullDevice() {
        return System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null";
    }

    /** What a child did: exit status, output, and its working directory (for files it wrote). */
    public static final class Result {
        private final List<String> command;
        private final int exitCode;
        private final String stdout;
        private final String stderr;
        private final Path workingDirectory;

        Result(List<String> command, int exitCode, String stdout, String stderr, Path workingDirectory) {
            this.command = List.copyOf(command);
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
            this.workingDirectory = workingDirectory;
        }

        public int exitCode() {
            return exitCode;
        }

        public String stdout() {
            return stdout;
        }

        public String stderr() {
            return stderr;
        }

        /** stdout split into lines. */
        public List<String> stdoutLines() {
            return stdout.isEmpty() ? List.of() : List.of(stdout.split("\\R"));
        }

        /** stderr split into lines. */
        public List<String> stderrLines() {
            return stderr.isEmpty() ? List.of() : List.of(stderr.split("\\R"));
        }

        /** The child's working directory (a fresh temporary directory). */
        public Path workingDirectory() {
            return workingDirectory;
        }

        public List<String> command() {
            return command;
        }

        /** Fails with the whole output unless the child exited with {@code expected}. */
        public Result assertExit(int expected) {
            if (exitCode != expected) {
                throw new AssertionError("expected exit status " + expected + " but was " + exitCode + ": " + this);
            }
            return this;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\ncommand: " + String.join(" ", command) + "\n--- stdout ---\n" + stdout
                    + "--- stderr ---\n" + stderr + "--------------";
        }
    }
}
