package io.localdrop.maven;

import io.localdrop.agent.options.AgentOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the {@code -javaagent:} argument of the test JVMs from the plugin's configuration, and checks its
 * options with the agent's own parser, so that a bad value fails the build with the agent's one-line message
 * instead of each test JVM exiting with status 2.
 */
final class AgentArgument {
    private final Map<String, String> options = new LinkedHashMap<>();

    /** Adds {@code key=value} when the value is given (null or blank: the agent's default). */
    AgentArgument option(String key, String value) {
        if (value != null && !value.trim().isEmpty()) {
            options.put(key, value.trim());
        }
        return this;
    }

    /** The options in the agent's syntax ({@code key=value,...}). */
    String options() {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> option : options.entrySet()) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(option.getKey()).append('=').append(option.getValue());
        }
        return text.toString();
    }

    /**
     * Parses the options as the agent will, without starting anything.
     *
     * @throws io.localdrop.agent.options.BadOptionException with the agent's message
     */
    void check() {
        AgentOptions.parse(options());
    }

    /**
     * The JVM argument; quoted when it contains a space, since Surefire splits its argLine on spaces outside
     * quotes (the agent's options cannot contain a space of their own: JAVA_TOOL_OPTIONS splits on them too).
     */
    String jvmArgument(Path agentJar) {
        return quoted("-javaagent:" + agentJar.toAbsolutePath() + "=" + options());
    }

    /** A {@code -Dname=value} for the test JVM, quoted like the agent's argument. */
    static String systemProperty(String name, String value) {
        return quoted("-D" + name + "=" + value);
    }

    private static String quoted(String argument) {
        return argument.indexOf(' ') >= 0 ? '"' + argument + '"' : argument;
    }
}
