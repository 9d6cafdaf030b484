package io.localdrop.it.stacks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.localdrop.testing.Finding;
import io.localdrop.testing.Kind;
import io.localdrop.testing.LeakReport;
import io.localdrop.testing.Severity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One run's report, with the suite's three acceptance checks. Read through the testing module's
 * {@link LeakReport}; fields that reader does not expose yet ({@code appFrame}, issue 9 item 3) are read from
 * the raw JSON.
 *
 * <p>A finding "names" an application line on the storing side when {@code setAt} contains it or
 * {@code appFrame} is it; on the reading side when {@code readAt} or {@code readStack} contains it (a leak
 * inside a library, such as logback's MDC, is read by the library's line, called from the application's).
 */
public final class StackReport {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String stack;
    private final LeakReport report;
    private final JsonNode findingsJson;
    private final String context;

    private StackReport(String stack, LeakReport report, JsonNode findingsJson, String context) {
        this.stack = stack;
        this.report = report;
        this.findingsJson = findingsJson;
        this.context = context;
    }

    /**
     * @param stack   what ran, for messages ({@code "Spring Boot, platform threads, leaky"})
     * @param json    the report's text
     * @param context what else helps a reader of a failure (the run's log tail, the oracle's counts)
     */
    public static StackReport parse(String stack, String json, String context) {
        try {
            return new StackReport(stack, LeakReport.parse(json), JSON.readTree(json).path("findings"), context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Keeps the report as {@code target/real-stacks/<stack>.json} (JDK feature version in the name), for
     * reading after the run and for the table of docs/real-stacks.md.
     */
    public static void keep(String stack, String json) {
        String file = stack.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("(^-|-$)", "").toLowerCase(Locale.ROOT)
                + "-jdk" + Runtime.version().feature() + ".json";
        try {
            Path dir = Path.of("target", "real-stacks");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(file), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the report of " + stack, e);
        }
    }

    public LeakReport report() {
        return report;
    }

    /** The WARNING and ERROR findings. */
    public List<Finding> problems() {
        return report.findings().stream()
                .filter(f -> f.severity() == Severity.WARNING || f.severity() == Severity.ERROR)
                .collect(Collectors.toList());
    }

    /** The finding's {@code appFrame}: the first frame of its storing stack outside the ThreadLocal's library; or null. */
    public String appFrame(Finding finding) {
        JsonNode raw = findingsJson.path(report.findings().indexOf(finding)).path("appFrame");
        return raw.isTextual() ? raw.asText() : null;
    }

    /** Whether the finding's storing side names {@code site}: in {@code setAt}, or as its {@code appFrame}. */
    public boolean setNames(Finding finding, String site) {
        return finding.setAt().contains(site) || site.equals(appFrame(finding));
    }

    /** Whether the finding's reading side names {@code site}: in {@code readAt} or {@code readStack}. */
    public boolean readNames(Finding finding, String site) {
        return finding.readAt().contains(site) || finding.readStack().contains(site);
    }

    /** The findings of {@code kind} whose storing side names {@code setSite}. */
    public List<Finding> storedAt(Kind kind, String setSite) {
        return report.findings(kind).stream().filter(f -> setNames(f, setSite)).collect(Collectors.toList());
    }

    /** Check 1: correct code, so no WARNING and no ERROR (CACHE, an INFO, is fine). */
    public void assertNoProblems() {
        assertEquals(List.of(), describe(problems()), "correct code on " + stack
                + " must give no WARNING/ERROR finding\n" + this);
    }

    /**
     * Checks 2 and 3 for a value that later units of work read: exactly one BLEED naming both lines, whose
     * count is the oracle's number of bleeding reads; none at all when the oracle saw no bleeding read.
     */
    public Finding assertBleed(String setSite, String readSite, BleedOracle oracle) {
        List<Finding> bleeds = storedAt(Kind.BLEED, setSite);
        if (oracle.bleedingReads() == 0) {
            assertEquals(List.of(), describe(bleeds), stack + ": the oracle saw no bleeding read (" + oracle
                    + "), so no BLEED may name " + setSite + "\n" + this);
            return null;
        }
        assertEquals(1, bleeds.size(), stack + ": one BLEED whose setAt/appFrame is " + setSite + " (oracle: "
                + oracle + ")\n" + this);
        Finding bleed = bleeds.get(0);
        assertEquals(Severity.ERROR, bleed.severity(), bleed.describe());
        if (!readNames(bleed, readSite)) {
            throw new AssertionError(stack + ": the BLEED's readAt/readStack must name " + readSite + ": "
                    + bleed.describe() + "\nreadStack " + bleed.readStack() + "\n" + this);
        }
        assertEquals(oracle.bleedingReads(), bleed.count(), stack + ": the BLEED's count must be the oracle's ("
                + oracle + "): " + bleed.describe() + "\n" + this);
        return bleed;
    }

    /** Check 2 for a value left at the end of a unit of work: one finding of {@code kind} naming its storing line. */
    public Finding assertLeftBehind(Kind kind, String setSite) {
        List<Finding> leaks = storedAt(kind, setSite);
        assertEquals(1, leaks.size(), stack + ": one " + kind + " whose setAt/appFrame is " + setSite + "\n" + this);
        return leaks.get(0);
    }

    /** Findings by kind, e.g. {@code "BLEED 2, TASK_LEAK 2, CACHE 1"}, for the suite's log and docs/real-stacks.md. */
    public String summaryLine() {
        Map<String, Integer> byKind = new TreeMap<>();
        for (Finding f : report.findings()) {
            byKind.merge(f.kindName(), 1, Integer::sum);
        }
        return byKind.isEmpty() ? "no findings" : byKind.toString();
    }

    private static List<String> describe(List<Finding> findings) {
        return findings.stream().map(Finding::describe).collect(Collectors.toList());
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("--- findings of ").append(stack).append(" ---\n");
        for (Finding f : report.findings()) {
            out.append(f.describe());
            String app = appFrame(f);
            out.append(app == null ? "" : ", appFrame " + app).append("\n    setStack ").append(f.setStack())
                    .append("\n    readStack ").append(f.readStack()).append('\n');
        }
        return out.append("--- context ---\n").append(context).toString();
    }
}
