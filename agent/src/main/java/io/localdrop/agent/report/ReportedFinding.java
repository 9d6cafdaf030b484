package io.localdrop.agent.report;

import io.localdrop.agent.findings.Finding;
import io.localdrop.agent.health.FaultSwitch;

import java.util.List;

/**
 * One finding as the report shows it: a copy of its fields taken at one moment (a {@link Finding} keeps
 * growing while the application runs), plain strings and numbers only.
 */
final class ReportedFinding {
    final String kind;
    final String severity;
    final String createdAt;
    final String field;
    final String type;
    final List<String> setAt;
    final List<String> readAt;
    final String valueType;
    final String valueClassLoader;
    final List<String> threads;
    final long count;
    final long firstSeen;
    final long lastSeen;
    final List<String> setStack;
    final List<String> readStack;
    /** Distinct threads (by identity), whether the name list stopped at its cap, whether the count did. */
    final long threadCount;
    final boolean threadsTruncated;
    final boolean threadCountCapped;
    /** ThreadLocals in the finding (grouped by creation site), the rule that classified it, the first callers. */
    final long instances;
    final String classifiedBy;
    final String appFrame;
    final String readAppFrame;

    ReportedFinding(String kind, String severity, String createdAt, String field, String type, List<String> setAt,
                    List<String> readAt, String valueType, String valueClassLoader, List<String> threads, long count,
                    long firstSeen, long lastSeen, List<String> setStack, List<String> readStack) {
        this(kind, severity, createdAt, field, type, setAt, readAt, valueType, valueClassLoader, threads, count,
                firstSeen, lastSeen, setStack, readStack, threads.size(), false, false, 1, null, null, null);
    }

    ReportedFinding(String kind, String severity, String createdAt, String field, String type, List<String> setAt,
                    List<String> readAt, String valueType, String valueClassLoader, List<String> threads, long count,
                    long firstSeen, long lastSeen, List<String> setStack, List<String> readStack, long threadCount,
                    boolean threadsTruncated, boolean threadCountCapped, long instances, String classifiedBy,
                    String appFrame, String readAppFrame) {
        this.kind = kind;
        this.severity = severity;
        this.createdAt = createdAt;
        this.field = field;
        this.type = type;
        this.setAt = setAt;
        this.readAt = readAt;
        this.valueType = valueType;
        this.valueClassLoader = valueClassLoader;
        this.threads = threads;
        this.count = count;
        this.firstSeen = firstSeen;
        this.lastSeen = lastSeen;
        this.setStack = setStack;
        this.readStack = readStack;
        this.threadCount = threadCount;
        this.threadsTruncated = threadsTruncated;
        this.threadCountCapped = threadCountCapped;
        this.instances = instances;
        this.classifiedBy = classifiedBy;
        this.appFrame = appFrame;
        this.readAppFrame = readAppFrame;
    }

    /** The finding's fields now, with {@code count} as counted when the findings were taken. */
    static ReportedFinding of(Finding finding, long count) {
        FaultSwitch.check(FaultSwitch.REPORT_FINDING);
        return new ReportedFinding(finding.kind().name(), finding.severity().name(), finding.createdAt(), finding.field(),
                finding.type(), finding.setAt(), finding.readAt(), finding.valueType(), finding.valueClassLoader(),
                finding.threads(), count, finding.firstSeen(), finding.lastSeen(), finding.setStack(),
                finding.readStack(), finding.threadCount(), finding.threadsTruncated(), finding.threadCountCapped(),
                Math.max(1, finding.instances()), finding.classifiedBy(), finding.appFrame(), finding.readAppFrame());
    }
}
