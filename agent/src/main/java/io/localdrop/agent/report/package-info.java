/** The JSON report (hand-written JSON, atomic file, mode 0600), its schedule, and the stderr summary. */
package io.localdrop.agent.report;
