package io.localdrop.agent.findings;

/**
 * Told of every occurrence {@link Findings} records, on the recording thread, after the finding has counted it:
 * how a higher package (the JFR events) follows findings without the findings package depending on it. Must not
 * throw and must be cheap: it runs on every occurrence.
 */
public interface FindingListener {
    void recorded(Finding finding);
}
