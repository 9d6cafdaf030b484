/**
 * localdrop for users' test suites.
 *
 * <ul>
 *   <li>{@link io.localdrop.testing.LeakReport} and {@link io.localdrop.testing.Finding}: the agent's JSON
 *       report as Java objects, read without any JSON library;</li>
 *   <li>{@link io.localdrop.testing.NoThreadLocalLeaks} / {@link io.localdrop.testing.LocaldropLeakCheck}:
 *       a JUnit 5 extension that fails a test which leaves per-thread state behind in the test's JVM
 *       (the agent must run in it);</li>
 *   <li>{@link io.localdrop.testing.LocaldropContainer}: puts the agent into any JVM container of
 *       Testcontainers and hands back its report, exit code and log when the container stops.</li>
 * </ul>
 *
 * This package depends on the runtime only; it reads the agent's report format and reaches the
 * agent in the running JVM by reflection, never by linking to the agent.
 */
package io.localdrop.testing;
