/**
 * The agent's entry points ({@code premain}, {@code agentmain}, {@code Localdrop.install()}'s
 * {@code installIntoRunningJvm}): parse options, define the bridge, place the thread-exit hooks, hand off to
 * the features. Nothing else lives here.
 */
package io.localdrop.agent;
