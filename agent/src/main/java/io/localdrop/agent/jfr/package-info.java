/**
 * JDK Flight Recorder events (docs/observability.md): {@code io.localdrop.Finding},
 * {@code io.localdrop.ThreadCleanup} and {@code io.localdrop.DestructorFailed}, category "localdrop". The agent
 * calls the hooks ({@link io.localdrop.agent.jfr.FindingEvents}, {@link io.localdrop.agent.jfr.ThreadCleanupEvents},
 * {@link io.localdrop.agent.jfr.DestructorEvents}), which touch
 * no {@code jdk.jfr} class unless the module is in the runtime (a jlinked runtime without it runs the agent
 * without events), and cost one {@code isEnabled()} when no recording asks for the event: no event object is
 * made and nothing is read or formatted first. Whether an event is enabled is never cached (the check asks JFR
 * each time, through a never-committed probe instance): a recording may start or stop at any time.
 */
package io.localdrop.agent.jfr;
