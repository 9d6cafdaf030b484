package io.localdrop.agent.report;

import io.localdrop.agent.exit.ExitEvents;
import io.localdrop.agent.findings.Census;
import io.localdrop.agent.findings.Finding;
import io.localdrop.agent.findings.Findings;
import io.localdrop.agent.findings.TlRegistry;
import io.localdrop.agent.health.InternalErrors;
import io.localdrop.agent.options.AgentOptions;
import io.localdrop.agent.findings.SiteRegistry;
import io.localdrop.agent.tasks.UnwatchedThreads;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Everything one report shows, taken at one moment: what {@link ReportJson} writes (header, options, the
 * findings as plain copies, the totals, the internal errors). Built from the agent's state by {@link #take},
 * or by hand in tests (the golden report).
 *
 * <p>A finding that cannot be copied (a failure inside the agent) is left out and recorded in
 * {@link InternalErrors}, so that one broken finding never costs the whole report, and the report then says
 * that something broke ({@code summary.internalErrors}) instead of looking like "no leaks".
 */
final class ReportContent {
    private static final long LOADED = System.currentTimeMillis();

    final long pid;
    final String javaVersion;
    final long startedAt;
    final long writtenAt;
    final AgentOptions options;
    final List<ReportedFinding> findings;
    final long threadsSeen;
    final long threadLocalsTracked;
    final long findingsDropped;
    final long threadLocalsUntracked;
    final long sites;
    final List<ReportedSuppression> suppressed;
    final long suppressedFindings;
    final List<UnwatchedThreads.Group> unwatched;
    final long internalErrorsTotal;
    final List<ReportedError> internalErrors;

    /** One suppression entry and what it took out of the findings, as the snapshot counted it. */
    static final class ReportedSuppression {
        final String kind;
        final String threadLocal;
        final String reason;
        final long line;
        final long findings;
        final long count;
        final List<String> threadLocals;

        ReportedSuppression(String kind, String threadLocal, String reason, long line, long findings, long count,
                            List<String> threadLocals) {
            this.kind = kind;
            this.threadLocal = threadLocal;
            this.reason = reason;
            this.line = line;
            this.findings = findings;
            this.count = count;
            this.threadLocals = threadLocals;
        }

        static ReportedSuppression of(ReportSnapshot.SuppressedTally tally) {
            return new ReportedSuppression(tally.entry.kind().name(), tally.entry.threadLocal(), tally.entry.reason(),
                    tally.entry.line(), tally.findings, tally.count, List.copyOf(tally.threadLocals));
        }
    }

    /** One distinct internal failure, as {@link InternalErrors.Entry} had it at that moment. */
    static final class ReportedError {
        final String where;
        final String type;
        final String message;
        final long count;

        ReportedError(String where, String type, String message, long count) {
            this.where = where;
            this.type = type;
            this.message = message;
            this.count = count;
        }
    }

    ReportContent(long pid, String javaVersion, long startedAt, long writtenAt, AgentOptions options,
                   List<ReportedFinding> findings, long threadsSeen, long threadLocalsTracked, long findingsDropped,
                   long threadLocalsUntracked, long sites, List<ReportedSuppression> suppressed, long suppressedFindings,
                   List<UnwatchedThreads.Group> unwatched, long internalErrorsTotal, List<ReportedError> internalErrors) {
        this.pid = pid;
        this.javaVersion = javaVersion;
        this.startedAt = startedAt;
        this.writtenAt = writtenAt;
        this.options = options;
        this.findings = findings;
        this.threadsSeen = threadsSeen;
        this.threadLocalsTracked = threadLocalsTracked;
        this.findingsDropped = findingsDropped;
        this.threadLocalsUntracked = threadLocalsUntracked;
        this.sites = sites;
        this.suppressed = suppressed;
        this.suppressedFindings = suppressedFindings;
        this.unwatched = unwatched;
        this.internalErrorsTotal = internalErrorsTotal;
        this.internalErrors = internalErrors;
    }

    /** The agent's state now. */
    static ReportContent take(AgentOptions options) {
        return take(options, ReportSnapshot.take(options.suppressions()));
    }

    /** The agent's state now, with the findings (reported and suppressed) of {@code snapshot}. */
    static ReportContent take(AgentOptions options, ReportSnapshot snapshot) {
        List<Finding> all = snapshot.findings;
        List<ReportedFinding> findings = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            try {
                findings.add(ReportedFinding.of(all.get(i), snapshot.counts[i]));
            } catch (Throwable broken) {
                InternalErrors.record("report: taking a finding into the report", broken);
            }
        }
        List<ReportedSuppression> suppressed = new ArrayList<>(snapshot.suppressed.size());
        for (int i = 0; i < snapshot.suppressed.size(); i++) {
            suppressed.add(ReportedSuppression.of(snapshot.suppressed.get(i)));
        }
        // the internal errors last: they include any failure of the lines above
        List<ReportedError> errors = errors();
        return new ReportContent(ProcessHandle.current().pid(), System.getProperty("java.version"), startedAt(),
                System.currentTimeMillis(), options, Collections.unmodifiableList(findings),
                Census.threadsSeen() + ExitEvents.quietExits(),
                TlRegistry.size(), Findings.dropped(), TlRegistry.untracked(), SiteRegistry.size(),
                Collections.unmodifiableList(suppressed), snapshot.suppressedFindings, snapshot.unwatched,
                InternalErrors.total(), errors);
    }

    /** The distinct internal failures, ordered by place and type so that two reports compare line by line. */
    private static List<ReportedError> errors() {
        List<InternalErrors.Entry> entries = InternalErrors.distinct();
        List<ReportedError> errors = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            InternalErrors.Entry entry = entries.get(i);
            errors.add(new ReportedError(entry.where(), entry.type(), entry.message(), entry.count()));
        }
        errors.sort(new Comparator<ReportedError>() {
            @Override
            public int compare(ReportedError a, ReportedError b) {
                int byPlace = a.where.compareTo(b.where);
                return byPlace != 0 ? byPlace : a.type.compareTo(b.type);
            }
        });
        return Collections.unmodifiableList(errors);
    }

    private static long startedAt() {
        try {
            return ProcessHandle.current().info().startInstant().map(Instant::toEpochMilli).orElse(LOADED);
        } catch (RuntimeException unavailable) {
            // the platform cannot say when the process started: the agent's own start is the next best answer
            InternalErrors.record("report: reading the JVM's start time", unavailable);
            return LOADED;
        }
    }
}
