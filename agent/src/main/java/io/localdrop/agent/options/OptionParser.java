package io.localdrop.agent.options;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@code key=value,key=value} into {@link AgentOptions}, rejecting anything doubtful with one line:
 * {@code localdrop: bad agent option 'key=value': <what is wrong>; accepted values are <what>}.
 * Strict on purpose: a misspelt option silently ignored would leave a user believing a check is on.
 */
final class OptionParser {
    private static final String PREFIX = "localdrop: bad agent option '";

    private OptionParser() {
    }

    static AgentOptions parse(String arguments) {
        AgentOptions.Builder builder = new AgentOptions.Builder();
        if (arguments == null || arguments.trim().isEmpty()) {
            return builder.build();
        }
        Map<String, String> given = new LinkedHashMap<>();
        List<String> pairs = split(arguments, ',');
        for (int i = 0; i < pairs.size(); i++) {
            String pair = pairs.get(i).trim();
            int equals = pair.indexOf('=');
            if (pair.isEmpty()) {
                throw new BadOptionException("localdrop: bad agent options '" + arguments
                        + "': empty option between ','; expected key=value pairs separated by ','");
            }
            if (equals < 0) {
                throw new BadOptionException(PREFIX + pair + "': not a key=value pair; expected key=value pairs separated by ','"
                        + " with keys " + knownKeys());
            }
            String key = pair.substring(0, equals).trim();
            String value = pair.substring(equals + 1).trim();
            if (key.isEmpty()) {
                throw new BadOptionException(PREFIX + pair + "': no option name before '='; known options are " + knownKeys());
            }
            if (!AgentOptions.KNOWN_KEYS.contains(key)) {
                throw new BadOptionException("localdrop: unknown agent option '" + pair + "': known options are " + knownKeys());
            }
            if (given.containsKey(key)) {
                throw new BadOptionException(PREFIX + pair + "': option " + key + " is given twice (first as '" + key + "="
                        + given.get(key) + "'); give each option once");
            }
            if (value.isEmpty()) {
                throw new BadOptionException(PREFIX + pair + "': empty value; accepted values are " + accepted(key));
            }
            given.put(key, value);
            apply(builder, key, value, pair);
        }
        if (builder.clearAfterTask && builder.mode != Mode.ENFORCE) {
            throw new BadOptionException(PREFIX + "clearAfterTask=true': it acts only with mode=enforce, but mode is "
                    + builder.mode.optionValue() + "; accepted values are clearAfterTask=true with mode=enforce, or clearAfterTask=false");
        }
        builder.given = Collections.unmodifiableMap(given);
        return builder.build();
    }

    private static void apply(AgentOptions.Builder builder, String key, String value, String pair) {
        switch (key) {
            case "mode":
                builder.mode = mode(value, pair);
                break;
            case "report":
                builder.report = report(value, pair);
                break;
            case "reportInterval":
                builder.reportInterval = duration(value, pair);
                break;
            case "include":
                builder.include = prefixes(value, pair);
                break;
            case "exclude":
                builder.exclude = prefixes(value, pair);
                break;
            case "onDestructorFailure":
                builder.onDestructorFailure = destructorFailure(value, pair);
                break;
            case "maxDestructorRounds":
                builder.maxDestructorRounds = rounds(value, pair);
                break;
            case "clearAfterTask":
                builder.clearAfterTask = bool(value, pair);
                break;
            case "taskBoundary":
                builder.taskBoundaries = boundaries(value, pair);
                break;
            case "log":
                builder.log = logLevel(value, pair);
                break;
            case "suppress":
                builder.suppressFile = suppressFile(value, pair);
                builder.suppressions = SuppressionFile.read(builder.suppressFile);
                break;
            case "shutdownWait":
                builder.shutdownWait = shutdownWait(value, pair);
                break;
            default:
                throw new IllegalStateException("option " + key + " is known but not parsed");
        }
    }

    /** What each option accepts, as said in every error about it. */
    static String accepted(String key) {
        switch (key) {
            case "mode":
                return "diagnose, enforce, off";
            case "report":
                return "a file path whose directory exists or can be created, and can be written";
            case "reportInterval":
                return "a whole number followed by ms, s, m or h, from " + AgentOptions.MIN_REPORT_INTERVAL_TEXT
                        + " to " + AgentOptions.MAX_REPORT_INTERVAL_TEXT + " (30s, 5m)";
            case "include":
            case "exclude":
                return "class-name prefixes separated by ';' (com.acme.;org.example.Foo)";
            case "onDestructorFailure":
                return "abort, log";
            case "maxDestructorRounds":
                return "integers from " + AgentOptions.MIN_ROUNDS + " to " + AgentOptions.MAX_ROUNDS;
            case "clearAfterTask":
                return "true, false";
            case "taskBoundary":
                return "package.Class#method entries (Java identifiers) separated by ';'";
            case "log":
                return "quiet, info, debug";
            case "suppress":
                return "the path of a readable suppression file (docs/diagnose.md)";
            case "shutdownWait":
                return "a whole number followed by ms or s, from 0s to " + AgentOptions.MAX_SHUTDOWN_WAIT.getSeconds() + "s";
            default:
                return "none";
        }
    }

    private static BadOptionException bad(String pair, String key) {
        return new BadOptionException(PREFIX + pair + "': accepted values are " + accepted(key));
    }

    static BadOptionException bad(String pair, String key, String problem) {
        return new BadOptionException(PREFIX + pair + "': " + problem + "; accepted values are " + accepted(key));
    }

    private static Mode mode(String value, String pair) {
        Mode[] modes = Mode.values();
        for (int i = 0; i < modes.length; i++) {
            if (modes[i].optionValue().equals(value)) {
                return modes[i];
            }
        }
        throw bad(pair, "mode");
    }

    private static LogLevel logLevel(String value, String pair) {
        LogLevel[] levels = LogLevel.values();
        for (int i = 0; i < levels.length; i++) {
            if (levels[i].optionValue().equals(value)) {
                return levels[i];
            }
        }
        throw bad(pair, "log");
    }

    private static DestructorFailure destructorFailure(String value, String pair) {
        DestructorFailure[] policies = DestructorFailure.values();
        for (int i = 0; i < policies.length; i++) {
            if (policies[i].optionValue().equals(value)) {
                return policies[i];
            }
        }
        throw bad(pair, "onDestructorFailure");
    }

    private static boolean bool(String value, String pair) {
        if (value.equals("true")) {
            return true;
        }
        if (value.equals("false")) {
            return false;
        }
        throw bad(pair, "clearAfterTask");
    }

    private static int rounds(String value, String pair) {
        int rounds;
        if (!isAsciiDigits(value) || value.length() > 9) {
            throw bad(pair, "maxDestructorRounds");
        }
        rounds = Integer.parseInt(value);
        if (rounds < AgentOptions.MIN_ROUNDS || rounds > AgentOptions.MAX_ROUNDS) {
            throw bad(pair, "maxDestructorRounds");
        }
        return rounds;
    }

    /** In option {@code report}, replaced by the pid of the JVM that parses the options. */
    static final String PID_PLACEHOLDER = "%p";

    private static Path report(String value, String pair) {
        Path path;
        try {
            // %p: this JVM's pid, so that JVMs started with one command line (forked test JVMs) write one file each
            path = Path.of(value.replace(PID_PLACEHOLDER, Long.toString(ProcessHandle.current().pid())));
        } catch (InvalidPathException invalid) {
            throw bad(pair, "report", "not a valid path (" + invalid.getReason() + ")");
        }
        if (path.getFileName() == null) {
            throw bad(pair, "report", "it names no file");
        }
        if (Files.isDirectory(path)) {
            throw bad(pair, "report", "it is a directory");
        }
        // whether the directory can be created and written is tried at start-up (ReportLocation), not here:
        // parsing has no side effects
        return path;
    }

    private static Duration duration(String value, String pair) {
        int digits = 0;
        while (digits < value.length() && value.charAt(digits) >= '0' && value.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0 || digits > 9) {
            throw bad(pair, "reportInterval");
        }
        long amount = Long.parseLong(value.substring(0, digits));
        String unit = value.substring(digits);
        Duration duration;
        switch (unit) {
            case "ms":
                duration = Duration.ofMillis(amount);
                break;
            case "s":
                duration = Duration.ofSeconds(amount);
                break;
            case "m":
                duration = Duration.ofMinutes(amount);
                break;
            case "h":
                duration = Duration.ofHours(amount);
                break;
            default:
                throw bad(pair, "reportInterval");
        }
        if (duration.compareTo(AgentOptions.MIN_REPORT_INTERVAL) < 0
                || duration.compareTo(AgentOptions.MAX_REPORT_INTERVAL) > 0) {
            throw bad(pair, "reportInterval", "out of range");
        }
        return duration;
    }

    private static Path suppressFile(String value, String pair) {
        try {
            return Path.of(value);
        } catch (InvalidPathException invalid) {
            throw bad(pair, "suppress", "not a valid path (" + invalid.getReason() + ")");
        }
    }

    /** {@code 0s}..{@code 60s} in ms or s: a wait at exit, so minutes and hours are refused as certainly wrong. */
    private static Duration shutdownWait(String value, String pair) {
        int digits = 0;
        while (digits < value.length() && value.charAt(digits) >= '0' && value.charAt(digits) <= '9') {
            digits++;
        }
        String unit = value.substring(digits);
        if (digits == 0 || digits > 9 || !(unit.equals("ms") || unit.equals("s"))) {
            throw bad(pair, "shutdownWait");
        }
        long amount = Long.parseLong(value.substring(0, digits));
        Duration wait = unit.equals("s") ? Duration.ofSeconds(amount) : Duration.ofMillis(amount);
        if (wait.compareTo(AgentOptions.MAX_SHUTDOWN_WAIT) > 0) {
            throw bad(pair, "shutdownWait", "longer than " + AgentOptions.MAX_SHUTDOWN_WAIT.getSeconds() + "s");
        }
        return wait;
    }

    private static List<String> prefixes(String value, String pair) {
        String key = pair.substring(0, pair.indexOf('=')).trim();
        List<String> parts = split(value, ';');
        List<String> prefixes = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            String prefix = parts.get(i).trim();
            if (prefix.isEmpty()) {
                throw bad(pair, key, "empty prefix between ';'");
            }
            if (prefix.indexOf('/') >= 0) {
                throw bad(pair, key, "'" + prefix + "' uses '/'; write class names with '.'");
            }
            if (!isNamePrefix(prefix)) {
                throw bad(pair, key, "'" + prefix + "' is not a class-name prefix");
            }
            prefixes.add(prefix);
        }
        return Collections.unmodifiableList(prefixes);
    }

    private static List<TaskBoundary> boundaries(String value, String pair) {
        List<String> parts = split(value, ';');
        List<TaskBoundary> boundaries = new ArrayList<>(parts.size());
        for (int i = 0; i < parts.size(); i++) {
            String entry = parts.get(i).trim();
            int hash = entry.indexOf('#');
            if (hash <= 0 || hash != entry.lastIndexOf('#') || hash == entry.length() - 1) {
                throw bad(pair, "taskBoundary", "'" + entry + "' is not package.Class#method");
            }
            String className = entry.substring(0, hash);
            String methodName = entry.substring(hash + 1);
            if (!isQualifiedName(className)) {
                throw bad(pair, "taskBoundary", "'" + className + "' is not a fully qualified class name");
            }
            if (className.indexOf('.') < 0) {
                throw bad(pair, "taskBoundary", "'" + className + "' has no package");
            }
            if (!isIdentifier(methodName)) {
                throw bad(pair, "taskBoundary", "'" + methodName + "' is not a method name");
            }
            boundaries.add(new TaskBoundary(className, methodName));
        }
        return Collections.unmodifiableList(boundaries);
    }

    /** A prefix of a dotted class name: identifier characters and dots, no two dots in a row, no leading dot. */
    private static boolean isNamePrefix(String prefix) {
        char previous = '.';
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (c == '.') {
                if (previous == '.') {
                    return false;
                }
            } else if (previous == '.' ? !isIdentifierStart(c) : !isIdentifierPart(c)) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    private static boolean isQualifiedName(String name) {
        return isNamePrefix(name) && name.charAt(name.length() - 1) != '.';
    }

    private static boolean isIdentifier(String name) {
        if (!isIdentifierStart(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!isIdentifierPart(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdentifierStart(char c) {
        return Character.isJavaIdentifierStart(c) && !Character.isIdentifierIgnorable(c);
    }

    /**
     * A Java identifier character, without the "identifier-ignorable" ones that {@code isJavaIdentifierPart}
     * admits (NUL, other control characters, format characters): no class name in a class file holds them.
     */
    private static boolean isIdentifierPart(char c) {
        return Character.isJavaIdentifierPart(c) && !Character.isIdentifierIgnorable(c);
    }

    /** Only '0'..'9' (Integer.parseInt alone would also take '+5' and non-ASCII digits). */
    private static boolean isAsciiDigits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** String.split without regular expressions; keeps empty parts so they can be reported. */
    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == separator) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static String knownKeys() {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < AgentOptions.KNOWN_KEYS.size(); i++) {
            if (i > 0) {
                keys.append(", ");
            }
            keys.append(AgentOptions.KNOWN_KEYS.get(i));
        }
        return keys.toString();
    }
}
