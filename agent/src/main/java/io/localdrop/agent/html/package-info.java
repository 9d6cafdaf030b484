/**
 * The HTML report: one self-contained page (no script, no network, no external font) made from a
 * {@code localdrop-report/1} JSON report, for a browser on a phone or a wide screen. Entry point:
 * {@link io.localdrop.agent.html.HtmlReport#render(String)}. Used by the command-line tool ({@code html},
 * {@code report --format html}) and by the Maven plugin's {@code report} goal.
 */
package io.localdrop.agent.html;
