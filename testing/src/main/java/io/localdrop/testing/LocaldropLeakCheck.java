package io.localdrop.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * JUnit 5 extension: takes the agent's live findings before each test and fails the test when new
 * ones of the checked kinds (default BLEED, TASK_LEAK, CLASSLOADER_PIN, EXIT_LEAK; see
 * {@link NoThreadLocalLeaks#value()}) appear after it, or known ones grew in count.
 *
 * <p>What it can see: only what the agent has concluded when the test method returns. A BLEED or a
 * CLASSLOADER_PIN is found when a pooled thread's task reads or ends; a TASK_LEAK at the end of the
 * task; an EXIT_LEAK when the thread has exited. So the test must let its tasks end and its threads
 * exit before it returns: {@code executor.shutdown(); executor.awaitTermination(...)}, or
 * {@code thread.join()}. A value left in a ThreadLocal of the test's own thread (no task boundary,
 * no exit) is not a finding. Tests that run in parallel in one JVM see each other's findings.
 *
 * <p>A test during which the agent itself failed (its report's {@code summary.internalErrors} grew)
 * fails too, naming the failures: the findings may then be incomplete, and a check that cannot see
 * must not pass as if it saw nothing.
 *
 * <p>{@link AllowThreadLocalLeak} on the test or its class allows named findings for a stated reason: they do
 * not fail the test and are published as report entries {@value #SUPPRESSED_ENTRY}; a blank reason is a
 * configuration error that fails the test.
 *
 * <p>Without the agent the test fails with a message saying how to add it. To run such tests
 * without the check on purpose, set the JUnit configuration parameter (or system property)
 * {@value #WHEN_AGENT_MISSING}{@code =ignore}.
 */
public final class LocaldropLeakCheck implements BeforeEachCallback, AfterEachCallback {

    /** Configuration parameter: {@code fail} (default) or {@code ignore} when no agent runs in the test JVM. */
    public static final String WHEN_AGENT_MISSING = "localdrop.leakCheck.whenAgentMissing";

    /** The key of the report entry published for each finding an {@link AllowThreadLocalLeak} allowed. */
    public static final String SUPPRESSED_ENTRY = "localdrop.suppressed";

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocaldropLeakCheck.class);
    private static final String INTERNAL_ERRORS = "#internalErrors";
    private static final Kind[] DEFAULT_KINDS = {Kind.BLEED, Kind.TASK_LEAK, Kind.CLASSLOADER_PIN, Kind.EXIT_LEAK};

    private final LiveReport.Source source;

    /** The extension for {@code @ExtendWith}: reads the agent of this JVM. */
    public LocaldropLeakCheck() {
        this(LiveReport.bridge());
    }

    LocaldropLeakCheck(LiveReport.Source source) {
        this.source = source;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        Allowances.of(context); // a blank reason fails the test before it runs, with or without an agent
        Optional<LeakReport> report = currentReport(context);
        report.ifPresent(r -> {
            context.getStore(NAMESPACE).put(context.getUniqueId(), counts(r, checkedKinds(context)));
            context.getStore(NAMESPACE).put(context.getUniqueId() + INTERNAL_ERRORS, r.summary().internalErrors());
        });
    }

    @Override
    public void afterEach(ExtensionContext context) {
        @SuppressWarnings("unchecked")
        Map<String, Long> before = (Map<String, Long>) context.getStore(NAMESPACE).remove(context.getUniqueId());
        if (before == null) {
            return; // agent missing and ignored on purpose
        }
        LeakReport after = currentReport(context).orElseThrow(
                () -> new IllegalStateException("localdrop: the agent's live report went away during the test"));
        Set<Kind> kinds = checkedKinds(context);
        Allowances allowances = Allowances.of(context);
        List<String> news = new ArrayList<>();
        for (Finding finding : after.findings()) {
            if (!kinds.contains(finding.kind())) {
                continue;
            }
            Long was = before.get(finding.identity());
            String grown = was == null ? "" : " (count was " + was + " before this test)";
            if (was != null && finding.count() <= was) {
                continue;
            }
            Optional<AllowThreadLocalLeak> allowed = allowances.allowing(finding);
            if (allowed.isPresent()) {
                // the same information as a report's "suppressed" entry: what was taken out, and why
                String annotation = Allowances.describe(allowed.get());
                context.publishReportEntry(SUPPRESSED_ENTRY, finding.describe() + grown + ", allowed by " + annotation);
                AllowedLeakLog.record(finding, annotation);
            } else {
                news.add("  " + finding.describe() + grown);
            }
        }
        if (!news.isEmpty()) {
            throw new AssertionError("localdrop: " + context.getDisplayName() + " left per-thread state behind, "
                    + news.size() + " new finding(s):\n" + String.join("\n", news));
        }
        Long errorsBefore = (Long) context.getStore(NAMESPACE).remove(context.getUniqueId() + INTERNAL_ERRORS);
        long errorsAfter = after.summary().internalErrors();
        if (errorsBefore != null && errorsAfter > errorsBefore) {
            StringBuilder list = new StringBuilder();
            for (LeakReport.AgentError error : after.internalErrors()) {
                list.append("\n  ").append(error.where()).append(": ").append(error.type())
                        .append(error.message() == null ? "" : ": " + error.message()).append(" (").append(error.count())
                        .append(error.count() == 1 ? " time)" : " times)");
            }
            throw new AssertionError("localdrop: the agent itself failed " + (errorsAfter - errorsBefore)
                    + " time(s) during " + context.getDisplayName() + ", so its findings may be incomplete; its"
                    + " internal errors so far:" + list);
        }
    }

    private Optional<LeakReport> currentReport(ExtensionContext context) {
        if (!source.agentPresent()) {
            if (ignoreMissingAgent(context)) {
                return Optional.empty();
            }
            throw new ExtensionConfigurationException("localdrop: " + context.getDisplayName()
                    + " checks for per-thread leaks, but no localdrop agent runs in this JVM. Add"
                    + " -javaagent:/path/to/localdrop-agent.jar to the test JVM (Maven Surefire: <argLine>;"
                    + " Gradle: test { jvmArgs }), see docs/testing.md; or run without the check on purpose"
                    + " with -D" + WHEN_AGENT_MISSING + "=ignore.");
        }
        String json = source.json();
        if (json == null) {
            throw new ExtensionConfigurationException("localdrop: the agent runs in this JVM but publishes no"
                    + " live report, so " + context.getDisplayName() + " cannot be checked. Use mode=diagnose"
                    + " (the default) or mode=enforce, not mode=off.");
        }
        return Optional.of(LeakReport.parse(json));
    }

    private static boolean ignoreMissingAgent(ExtensionContext context) {
        String value = context.getConfigurationParameter(WHEN_AGENT_MISSING).orElse("fail");
        switch (value) {
            case "fail":
                return false;
            case "ignore":
                return true;
            default:
                throw new ExtensionConfigurationException("localdrop: bad value '" + value + "' for "
                        + WHEN_AGENT_MISSING + ": accepted values are fail, ignore");
        }
    }

    private static Set<Kind> checkedKinds(ExtensionContext context) {
        Kind[] kinds = DEFAULT_KINDS;
        Optional<NoThreadLocalLeaks> onMethod = context.getTestMethod()
                .flatMap(m -> AnnotationSupport.findAnnotation(m, NoThreadLocalLeaks.class));
        Optional<NoThreadLocalLeaks> onClass = context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, NoThreadLocalLeaks.class));
        Optional<NoThreadLocalLeaks> annotation = onMethod.isPresent() ? onMethod : onClass;
        if (annotation.isPresent()) {
            kinds = annotation.get().value();
        }
        Set<Kind> set = EnumSet.noneOf(Kind.class);
        set.addAll(Arrays.asList(kinds));
        return set;
    }

    private static Map<String, Long> counts(LeakReport report, Set<Kind> kinds) {
        Map<String, Long> counts = new HashMap<>();
        for (Finding finding : report.findings()) {
            if (kinds.contains(finding.kind())) {
                counts.merge(finding.identity(), finding.count(), Math::max);
            }
        }
        return counts;
    }
}
