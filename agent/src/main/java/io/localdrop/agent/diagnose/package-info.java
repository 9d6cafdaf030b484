/**
 * {@code mode=diagnose}'s installation: the one place that wires its parts together (the reader of ThreadLocal
 * maps, the task events' handler, the task-boundary and access-site transformers, the report), above all of
 * them, so that none of those lower packages needs to know another's installation.
 */
package io.localdrop.agent.diagnose;
