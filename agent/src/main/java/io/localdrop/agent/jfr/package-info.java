/**
 * JDK Flight Recorder events (docs/observability.md): {@code io.localdrop.Finding},
 * {@code io.localdrop.ThreadCleanup} and {@code io.localdrop.DestructorFailed}, category "localdrop". The agent
 * calls the hooks ({@link io.localdrop.agent.jfr.FindingEvents}, {@link io.localdrop.agent.jfr.ThreadCleanupEvents},
 * {@link io.localdrop.agent.jfr.DestructorEvents}), which touch
 * no {@code jdk.jfr} class unless the module is in the runtime (a jlinked runtime without it runs the agent
 * without events), and cost one {@code shouldCommit()} when no recording asks for the event. Whether an event
 * is enabled is never cached: a recording may start or stop at any time.
 */
package io.localdrop.agent.jfr;
