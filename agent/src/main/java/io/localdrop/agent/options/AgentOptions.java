package io.localdrop.agent.options;

import io.localdrop.internal.Config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The agent's options, parsed and checked (docs/agent.md, "Options"). Immutable. Every option has a typed
 * getter; options not given have their documented default.
 */
public final class AgentOptions {
    /** The option names, in the order docs/agent.md ("Options") lists them (and error messages name them). */
    public static final List<String> KNOWN_KEYS = List.of("mode", "report", "reportInterval", "include", "exclude",
            "onDestructorFailure", "maxDestructorRounds", "clearAfterTask", "taskBoundary", "log", "suppress",
            "shutdownWait");

    public static final int MIN_ROUNDS = 1;
    public static final int MAX_ROUNDS = 64;
    public static final int DEFAULT_ROUNDS = 4;

    /** How long the final report waits, at most, for threads still running at shutdown (option shutdownWait). */
    public static final Duration DEFAULT_SHUTDOWN_WAIT = Duration.ofSeconds(5);
    public static final Duration MAX_SHUTDOWN_WAIT = Duration.ofSeconds(60);

    private static final AgentOptions DEFAULTS = new Builder().build();

    /**
     * The range of {@code reportInterval}: below 10 ms the writer would do little else; above 30 days a
     * periodic report is no longer periodic (and {@code 99999999h} once overflowed the writer's clock).
     */
    public static final Duration MIN_REPORT_INTERVAL = Duration.ofMillis(10);
    public static final Duration MAX_REPORT_INTERVAL = Duration.ofDays(30);
    static final String MIN_REPORT_INTERVAL_TEXT = "10ms";
    static final String MAX_REPORT_INTERVAL_TEXT = "720h (30 days)";

    private final Mode mode;
    private final Path report;
    private final Duration reportInterval;
    private final List<String> include;
    private final List<String> exclude;
    private final DestructorFailure onDestructorFailure;
    private final int maxDestructorRounds;
    private final boolean clearAfterTask;
    private final List<TaskBoundary> taskBoundaries;
    private final LogLevel log;
    private final Path suppressFile;
    private final List<Suppression> suppressions;
    private final Duration shutdownWait;
    private final Map<String, String> given;

    private AgentOptions(Builder builder) {
        mode = builder.mode;
        report = builder.report;
        reportInterval = builder.reportInterval;
        include = builder.include;
        exclude = builder.exclude;
        onDestructorFailure = builder.onDestructorFailure;
        maxDestructorRounds = builder.maxDestructorRounds;
        clearAfterTask = builder.clearAfterTask;
        taskBoundaries = builder.taskBoundaries;
        log = builder.log;
        suppressFile = builder.suppressFile;
        suppressions = builder.suppressions;
        shutdownWait = builder.shutdownWait;
        given = builder.given;
    }

    /** Every option at its default: what {@code Localdrop.install()} uses. */
    public static AgentOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Parses the agent's argument string ({@code key=value} pairs separated by {@code ,}; null or blank
     * means all defaults).
     *
     * @throws BadOptionException with the one-line message for the user
     */
    public static AgentOptions parse(String arguments) {
        if (arguments == null || arguments.isEmpty()) {
            return DEFAULTS; // the parser's class is not even loaded: every JVM start pays for it
        }
        return OptionParser.parse(arguments);
    }

    /**
     * Tries what only this machine can answer, at start-up: that the report's directory can be created and a
     * file written in it (a probe file, deleted at once).
     *
     * @throws BadOptionException with the one-line message for the user
     */
    public void checkReportLocation() {
        if (report != null) {
            ReportLocation.check(this);
        }
    }

    /**
     * Checks, at start-up, the runtime's system properties that no option of the same name overrides
     * ({@code localdrop.onDestructorFailure}, {@code localdrop.maxDestructorRounds}): the agent's own closing under
     * enforce read a bad one as the default without a word, and the runtime fails only at the first owned key.
     *
     * @throws BadOptionException with the runtime's message naming the property, the value and what is accepted
     */
    public void checkRuntimeProperties() {
        try {
            if (!given.containsKey("onDestructorFailure") && System.getProperty(Config.ON_DESTRUCTOR_FAILURE) != null) {
                Config.abortOnFailure(); // Config is loaded only when a property is set: start-up cost
            }
            if (!given.containsKey("maxDestructorRounds") && System.getProperty(Config.MAX_DESTRUCTOR_ROUNDS) != null) {
                Config.maxDestructorRounds();
            }
        } catch (IllegalArgumentException bad) {
            throw new BadOptionException(bad.getMessage() + " (or give the agent option of the same name, which wins)");
        }
    }

    public Mode mode() {
        return mode;
    }

    /** Where the JSON report goes, if anywhere. */
    public Optional<Path> report() {
        return Optional.ofNullable(report);
    }

    /** How often the report is also written while the JVM runs, if at all. */
    public Optional<Duration> reportInterval() {
        return Optional.ofNullable(reportInterval);
    }

    /** Class-name prefixes (dotted) whose classes get their access sites rewritten; empty means all application classes. */
    public List<String> include() {
        return include;
    }

    /** Class-name prefixes (dotted) whose classes are left alone. */
    public List<String> exclude() {
        return exclude;
    }

    public DestructorFailure onDestructorFailure() {
        return onDestructorFailure;
    }

    public int maxDestructorRounds() {
        return maxDestructorRounds;
    }

    public boolean clearAfterTask() {
        return clearAfterTask;
    }

    /** Extra task boundaries from option {@code taskBoundary}. */
    public List<TaskBoundary> taskBoundaries() {
        return taskBoundaries;
    }

    public LogLevel log() {
        return log;
    }

    /** The suppression file of option {@code suppress}, if given. */
    public Optional<Path> suppressFile() {
        return Optional.ofNullable(suppressFile);
    }

    /** The entries of the suppression file, in file order (empty without option {@code suppress}). */
    public List<Suppression> suppressions() {
        return suppressions;
    }

    /** The most the final report waits at shutdown for threads still running, after the application's hooks. */
    public Duration shutdownWait() {
        return shutdownWait;
    }

    /** The options exactly as given (key to raw value, in the order given), for the report's "options" object. */
    public Map<String, String> given() {
        return given;
    }

    /** The options as given, in option syntax. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> option : given.entrySet()) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(option.getKey()).append('=').append(option.getValue());
        }
        return text.toString();
    }

    /** Collects parsed values; defaults for whatever is not set. */
    static final class Builder {
        Mode mode = Mode.DIAGNOSE;
        Path report;
        Duration reportInterval;
        List<String> include = List.of();
        List<String> exclude = List.of();
        DestructorFailure onDestructorFailure = DestructorFailure.ABORT;
        int maxDestructorRounds = DEFAULT_ROUNDS;
        boolean clearAfterTask;
        List<TaskBoundary> taskBoundaries = List.of();
        LogLevel log = LogLevel.INFO;
        Path suppressFile;
        List<Suppression> suppressions = List.of();
        Duration shutdownWait = DEFAULT_SHUTDOWN_WAIT;
        Map<String, String> given = Collections.emptyMap();

        AgentOptions build() {
            return new AgentOptions(this);
        }
    }
}
