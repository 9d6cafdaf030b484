/**
 * The agent's thread-exit hooks in real child JVMs ({@link io.localdrop.it.support.ChildJvm}): every kind of
 * thread, the runtime's rules through the agent, its options, self-attach, and the split-brain case. The
 * fixtures ({@code *Fixture}) are the child JVMs' main classes; they print facts, the tests check them.
 */
package io.localdrop.it.exit;
