package io.localdrop.it.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.localdrop.it.support.ChildJvm;
import io.localdrop.json.JsonReader;
import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;
import io.localdrop.testing.LeakReport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A fixture run under mode=diagnose with a report file, and what the report says. */
final class Diagnosed {
    final ChildJvm.Result result;
    final LeakReport report;
    final String json;

    private Diagnosed(ChildJvm.Result result, LeakReport report, String json) {
        this.result = result;
        this.report = report;
        this.json = json;
    }

    /**
     * Runs {@code fixture}, correct code, as {@link #run(Class, String, String...)} does, and expects its oracle (the
     * number it printed after {@code oraclePrefix}) to be 0 and no finding to be a WARNING or ERROR.
     */
    static Diagnosed runCorrect(Class<?> fixture, String oraclePrefix, String moreOptions, String... args)
            throws Exception {
        Diagnosed run = run(fixture, moreOptions, args);
        assertEquals(0, run.printed(oraclePrefix), run::toString);
        assertEquals(List.of(), run.problems(), run::toString);
        return run;
    }

    /** Runs {@code fixture} with {@code report=<temp file>} plus {@code moreOptions}, expects exit 0, parses the report. */
    static Diagnosed run(Class<?> fixture, String moreOptions, String... args) throws Exception {
        return run(ChildJvm.main(fixture), moreOptions, args);
    }

    /** {@link #run(Class, String, String...)} for a child set up by the caller (its class path, a {@code -jar}). */
    static Diagnosed run(ChildJvm child, String moreOptions, String... args) throws Exception {
        Path directory = Files.createTempDirectory("diagnose-");
        Path reportFile = directory.resolve("report.json");
        directory.toFile().deleteOnExit(); // deleted in reverse order: the file first, then its directory
        reportFile.toFile().deleteOnExit();
        String options = "report=" + reportFile + (moreOptions.isEmpty() ? "" : "," + moreOptions);
        ChildJvm.Result result = child.agentOptions(options).args(args).run().assertExit(0);
        if (!Files.exists(reportFile)) {
            throw new AssertionError("no report written: " + result);
        }
        String json = io.localdrop.it.support.ReportSchema.assertValid(Files.readString(reportFile));
        return new Diagnosed(result, LeakReport.parse(json), json);
    }

    List<Finding> findings(Kind kind) {
        return report.findings(kind);
    }

    /** The number the fixture printed after {@code prefix} (its oracle, such as "stale reads: "); fails without one. */
    int printed(String prefix) {
        Matcher matcher = Pattern.compile(Pattern.quote(prefix) + "(\\d+)").matcher(result.stdout());
        if (!matcher.find()) {
            throw new AssertionError("no '" + prefix + "' line\n" + this);
        }
        return Integer.parseInt(matcher.group(1));
    }

    /** The findings of {@code kind} about ThreadLocals created at a line starting with {@code createdPrefix}. */
    List<Finding> createdIn(Kind kind, String createdPrefix) {
        return report.findings(kind).stream()
                .filter(f -> f.threadLocal().createdAt() != null && f.threadLocal().createdAt().startsWith(createdPrefix))
                .collect(Collectors.toList());
    }

    /** The only finding of {@code kind} about the ThreadLocal in {@code field}; fails with the report otherwise. */
    Finding only(Kind kind, String field) {
        List<Finding> matching = report.findings(kind).stream()
                .filter(finding -> field.equals(finding.threadLocal().field()))
                .collect(Collectors.toList());
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + kind + " finding about " + field + " but found " + matching.size()
                    + "\n" + this);
        }
        return matching.get(0);
    }

    /** The findings of severity WARNING or ERROR. */
    List<Finding> problems() {
        return report.findings().stream()
                .filter(finding -> finding.severity() == io.localdrop.testing.Severity.ERROR
                        || finding.severity() == io.localdrop.testing.Severity.WARNING)
                .collect(Collectors.toList());
    }

    /** A field the testing module's reader does not expose (setStack, readStack) of the finding at {@code index}. */
    @SuppressWarnings("unchecked")
    List<String> rawList(Finding finding, String name) {
        return (List<String>) rawFinding(finding).get(name);
    }

    /** A field the testing module's reader does not expose (instances, classifiedBy, appFrame, threadCount). */
    @SuppressWarnings("unchecked")
    Object raw(Finding finding, String name) {
        return rawFinding(finding).get(name);
    }

    /** The finding at {@code finding}'s place in the report, as the JSON reader gives it. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> rawFinding(Finding finding) {
        Map<String, Object> root = (Map<String, Object>) JsonReader.parse(json);
        List<Object> all = (List<Object>) root.get("findings");
        return (Map<String, Object>) all.get(report.findings().indexOf(finding));
    }

    @Override
    public String toString() {
        return "--- report ---\n" + json + "\n" + result;
    }

    /** {@code Class.method(File.java:N)} of the line of {@code file} (in this package) that carries {@code marker}. */
    static String site(String className, String method, String file, String marker) throws IOException {
        return className + "." + method + "(" + file + ":" + lineOf(file, marker) + ")";
    }

    static int lineOf(String file, String marker) throws IOException {
        Path source = Paths.get("src/test/java/io/localdrop/it/diagnose", file);
        List<String> lines = Files.readAllLines(source);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).endsWith("// " + marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line ending with // " + marker + " in " + source);
    }
}
