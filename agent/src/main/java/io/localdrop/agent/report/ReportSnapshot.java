package io.localdrop.agent.report;

import io.localdrop.agent.exit.BridgeFailures;
import io.localdrop.agent.findings.Finding;
import io.localdrop.agent.findings.FindingKind;
import io.localdrop.agent.findings.Findings;
import io.localdrop.agent.options.Suppression;
import io.localdrop.agent.tasks.UnwatchedThreads;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The findings as they stand at one moment, split into the reported and the suppressed: what a report and the
 * stderr summary are both rendered from, so that the two can never disagree (findings keep being recorded
 * while other threads run, and a finding's count grows, so reading {@link Findings} twice could).
 */
final class ReportSnapshot {
    /** The findings that are reported (not suppressed), most severe first. */
    final List<Finding> findings;
    /** {@code counts[i]} is {@code findings.get(i).count()} at the snapshot. */
    final long[] counts;
    /** One tally per suppression entry, in file order (entries that matched nothing included). */
    final List<SuppressedTally> suppressed;
    /** How many findings the suppressions took out of the lists. */
    final int suppressedFindings;
    final int errors;
    final int warnings;
    final int infos;
    /** Pooled-looking threads that stored values but never saw a task boundary, by name pattern. */
    final List<UnwatchedThreads.Group> unwatched;

    private ReportSnapshot(List<Finding> findings, long[] counts, List<SuppressedTally> suppressed,
                           int suppressedFindings, int errors, int warnings, int infos,
                           List<UnwatchedThreads.Group> unwatched) {
        this.findings = findings;
        this.counts = counts;
        this.suppressed = suppressed;
        this.suppressedFindings = suppressedFindings;
        this.errors = errors;
        this.warnings = warnings;
        this.infos = infos;
        this.unwatched = unwatched;
    }

    /** Takes the snapshot now; the first matching entry of {@code suppressions} suppresses a finding. */
    static ReportSnapshot take(List<Suppression> suppressions) {
        // the failures the bridge and the runtime copies counted (they cannot see the agent's recorder) join the
        // agent's own before anything reads the internal-error count
        BridgeFailures.drainInto();
        List<Finding> all = Findings.all();
        List<SuppressedTally> tallies = new ArrayList<>(suppressions.size());
        for (int i = 0; i < suppressions.size(); i++) {
            tallies.add(new SuppressedTally(suppressions.get(i)));
        }
        List<Finding> reported = new ArrayList<>(all.size());
        long[] counts = new long[all.size()];
        int suppressedFindings = 0;
        int errors = 0;
        int warnings = 0;
        int infos = 0;
        for (int i = 0; i < all.size(); i++) {
            Finding finding = all.get(i);
            long count = finding.count();
            SuppressedTally tally = matching(tallies, finding);
            if (tally != null) {
                tally.add(finding, count);
                suppressedFindings++;
                continue;
            }
            counts[reported.size()] = count;
            reported.add(finding);
            FindingKind.Severity severity = finding.severity();
            if (severity == FindingKind.Severity.ERROR) {
                errors++;
            } else if (severity == FindingKind.Severity.WARNING) {
                warnings++;
            } else {
                infos++;
            }
        }
        long[] reportedCounts = new long[reported.size()];
        System.arraycopy(counts, 0, reportedCounts, 0, reported.size());
        return new ReportSnapshot(Collections.unmodifiableList(reported), reportedCounts,
                Collections.unmodifiableList(tallies), suppressedFindings, errors, warnings, infos,
                UnwatchedThreads.census());
    }

    private static SuppressedTally matching(List<SuppressedTally> tallies, Finding finding) {
        for (int i = 0; i < tallies.size(); i++) {
            if (tallies.get(i).entry.matches(finding)) {
                return tallies.get(i);
            }
        }
        return null;
    }

    /** What one suppression entry took out of the lists. */
    static final class SuppressedTally {
        /** ThreadLocal names kept per entry; more are counted in {@link #findings} only. */
        static final int MAX_NAMES = 8;

        final Suppression entry;
        /** Findings (groups) suppressed by the entry. */
        int findings;
        /** Their occurrences, summed. */
        long count;
        /** The field, creation site or type of each suppressed finding (distinct, at most {@link #MAX_NAMES}). */
        final List<String> threadLocals = new ArrayList<>();

        SuppressedTally(Suppression entry) {
            this.entry = entry;
        }

        void add(Finding finding, long occurrences) {
            findings++;
            count += occurrences;
            String name = finding.field() != null ? finding.field()
                    : finding.createdAt() != null ? finding.createdAt() : finding.type();
            if (name != null && threadLocals.size() < MAX_NAMES && !threadLocals.contains(name)) {
                threadLocals.add(name);
            }
        }
    }
}
