/**
 * The agent's own health: every internal failure (a detector, a hook, the report writer that broke) is
 * recorded here, counted, shown on stderr and listed in the report, so that a broken agent never looks
 * like a healthy application. The lowest package of the agent: it depends on nothing of the agent's.
 */
package io.localdrop.agent.health;
