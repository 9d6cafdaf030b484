/**
 * The JSON report: one snapshot of the agent's state ({@code ReportContent}) written through one streaming
 * JSON writer ({@code JsonWriter}) to an atomic file of mode 0600, its schedule, and the stderr summary.
 */
package io.localdrop.agent.report;
