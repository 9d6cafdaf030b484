package io.localdrop.testing;

import io.localdrop.json.JsonReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A localdrop report (format {@code localdrop-report/1}, docs/report-format.md) as Java objects: what the
 * agent writes to its {@code report=} file and what {@code LocaldropBridge.report()} returns live.
 * Parsed without any JSON library, so any tool can use this class with localdrop-testing alone.
 *
 * <pre>{@code
 * LeakReport report = LeakReport.read(Path.of("build/localdrop.json"));
 * for (Finding f : report.errors()) System.out.println(f.describe());
 * }</pre>
 */
public final class LeakReport {

    /** The format family this reader understands; the digit after the slash is the major version. */
    public static final String FORMAT_PREFIX = "localdrop-report/";
    /** The major version this reader understands. */
    public static final String FORMAT = FORMAT_PREFIX + "1";

    /**
     * The reporting JVM.
     *
     * @param pid         its process id (-1 when absent)
     * @param javaVersion {@code java.version} of that JVM
     * @param startedAt   when it started, or null
     * @param writtenAt   when this report was written, or null
     */
    public record Jvm(long pid, String javaVersion, Instant startedAt, Instant writtenAt) {
    }

    /**
     * The report's totals, as the agent counted them (-1 for a total the agent did not write).
     *
     * @param internalErrors failures of the agent itself; above 0, findings may be missing (see {@link #internalErrors()})
     */
    public record Summary(long threadsSeen, long threadLocalsTracked, long errors, long warnings, long infos,
                          long internalErrors) {
    }

    /**
     * One distinct failure of the agent itself (a detector, a hook or the report writer that broke).
     *
     * @param where   what the agent was doing ({@code detector: task end})
     * @param type    the exception's class name
     * @param message its first message, or null
     * @param count   how often it happened
     */
    public record AgentError(String where, String type, String message, long count) {
    }

    /**
     * One entry of the agent's suppression file (option {@code suppress}) and what it took out of the findings.
     *
     * @param kind        the kind it suppresses, as the report names it
     * @param threadLocal the field, creation-site or type name, or prefix of one, as written in the file
     * @param reason      the reason given in the file
     * @param line        its line in the file
     * @param findings    how many findings it suppressed (not in {@link #findings()})
     * @param count       their occurrences, summed
     * @param threadLocals the ThreadLocals of those findings (at most 8)
     */
    public record Suppressed(String kind, String threadLocal, String reason, long line, long findings, long count,
                             List<String> threadLocals) {
    }

    private final String format;
    private final Jvm jvm;
    private final Map<String, String> options;
    private final List<Finding> findings;
    private final List<Suppressed> suppressed;
    private final Summary summary;
    private final List<AgentError> internalErrors;

    private LeakReport(Fields root) {
        this.format = root.requiredString("format");
        if (!format.equals(FORMAT) && !format.startsWith(FORMAT + ".")) {
            throw new IllegalArgumentException("localdrop report: format is \"" + format
                    + "\", this reader accepts " + FORMAT + " (a newer localdrop-testing reads newer reports)");
        }
        Fields j = root.object("jvm");
        this.jvm = j == null ? new Jvm(-1, null, null, null)
                : new Jvm(j.number("pid", -1), j.string("javaVersion"), j.instant("startedAt"), j.instant("writtenAt"));
        Map<String, String> opts = new LinkedHashMap<>();
        Fields o = root.object("options");
        if (o != null) {
            for (Map.Entry<String, Object> e : o.asMap().entrySet()) {
                opts.put(e.getKey(), e.getValue() == null ? null : String.valueOf(e.getValue()));
            }
        }
        this.options = Collections.unmodifiableMap(opts);
        List<Finding> list = new ArrayList<>();
        List<?> raw = root.list("findings");
        for (int i = 0; i < raw.size(); i++) {
            list.add(Finding.from("findings[" + i + "]", raw.get(i)));
        }
        this.findings = Collections.unmodifiableList(list);
        List<Suppressed> entries = new ArrayList<>();
        List<?> rawSuppressed = root.list("suppressed");
        for (int i = 0; i < rawSuppressed.size(); i++) {
            Fields e = Fields.of("suppressed[" + i + "]", rawSuppressed.get(i));
            entries.add(new Suppressed(e.string("kind"), e.string("threadLocal"), e.string("reason"), e.number("line", -1),
                    e.number("findings", 0), e.number("count", 0), e.strings("threadLocals")));
        }
        this.suppressed = Collections.unmodifiableList(entries);
        Fields s = root.object("summary");
        this.summary = s == null ? new Summary(-1, -1, -1, -1, -1, -1)
                : new Summary(s.number("threadsSeen", -1), s.number("threadLocalsTracked", -1),
                        s.number("errors", -1), s.number("warnings", -1), s.number("infos", -1),
                        s.number("internalErrors", -1));
        this.internalErrors = agentErrors(root.list("internalErrors"));
    }

    private static List<AgentError> agentErrors(List<?> raw) {
        List<AgentError> errors = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            Fields e = Fields.of("internalErrors[" + i + "]", raw.get(i));
            errors.add(new AgentError(e.requiredString("where"), e.requiredString("type"), e.string("message"),
                    e.number("count", 0)));
        }
        return Collections.unmodifiableList(errors);
    }

    /**
     * Parses a report.
     *
     * @throws IllegalArgumentException when {@code json} is not JSON, not an object, of another
     *                                  format, or has a field of the wrong type (the message names it)
     */
    public static LeakReport parse(String json) {
        return new LeakReport(Fields.of("the report", JsonReader.parse(json)));
    }

    /**
     * Reads and parses a report file (UTF-8).
     *
     * @throws IOException              when the file cannot be read
     * @throws IllegalArgumentException when it is not UTF-8, or for every reason {@link #parse} gives; the
     *                                  message starts with the file's name
     */
    public static LeakReport read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notUtf8) {
            throw new IllegalArgumentException(file + ": not a localdrop report: the file is not UTF-8 text", notUtf8);
        }
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    public String format() {
        return format;
    }

    public Jvm jvm() {
        return jvm;
    }

    /** The agent options in effect, as the report lists them (e.g. {@code mode -> diagnose}). */
    public Map<String, String> options() {
        return options;
    }

    /** The agent's mode ({@code diagnose}, {@code enforce}, {@code off}), or null when not reported. */
    public String mode() {
        return options.get("mode");
    }

    /** All findings, in the report's order (most severe first when the agent sorts them). */
    public List<Finding> findings() {
        return findings;
    }

    /** The findings of one kind. */
    public List<Finding> findings(Kind kind) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (f.kind() == kind) {
                out.add(f);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The findings of one severity. */
    public List<Finding> findings(Severity severity) {
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (f.severity() == severity) {
                out.add(f);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** The ERROR findings: BLEED, CLASSLOADER_PIN, DESTRUCTOR_FAILED. */
    public List<Finding> errors() {
        return findings(Severity.ERROR);
    }

    /** The WARNING findings: TASK_LEAK, EXIT_LEAK, REINIT_LEAK. */
    public List<Finding> warnings() {
        return findings(Severity.WARNING);
    }

    /** The suppression entries, in file order, with what each suppressed (empty without option {@code suppress}). */
    public List<Suppressed> suppressed() {
        return suppressed;
    }

    public Summary summary() {
        return summary;
    }

    /** The agent's own failures, one per distinct place and type; empty when none (or an older agent). */
    public List<AgentError> internalErrors() {
        return internalErrors;
    }

    /** Every finding, one {@link Finding#describe()} line each (for assertion messages). */
    public String describe() {
        if (findings.isEmpty()) {
            return "no findings";
        }
        StringBuilder out = new StringBuilder();
        for (Finding f : findings) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(f.describe());
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return "LeakReport[" + format + ", " + findings.size() + " finding(s)]";
    }
}
