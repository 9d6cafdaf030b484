/**
 * The command-line tool, {@code java -jar localdrop-agent.jar list|report|html|merge} (docs/observability.md):
 * the local JVMs, the live report of a running one (through the Attach API and the agentmain-only option
 * {@code report-to=FILE}, answered by {@link io.localdrop.agent.cli.LiveReportRequest}), the HTML page of a
 * report, and many JVMs' reports merged into one ({@link io.localdrop.agent.cli.ReportMerge#merge}).
 */
package io.localdrop.agent.cli;
