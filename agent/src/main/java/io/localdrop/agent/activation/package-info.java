/**
 * When the agent installs itself under {@code -javaagent}: not in premain, but at the first class that loads and
 * needs the installation ({@link io.localdrop.agent.activation.ActivationRule}), before that class is defined, so
 * that none of its code runs unhooked. Premain only parses the options and registers the one small transformer
 * of this package ({@link io.localdrop.agent.activation.ActivationTrigger}); a JVM in which no class ever needs
 * the agent pays for nothing else. The installation itself is the entry package's, handed in as a function.
 */
package io.localdrop.agent.activation;
