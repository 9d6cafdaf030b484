/**
 * The localdrop Maven plugin: {@code prepare-agent} puts the agent into the test JVMs through a property
 * ({@code argLine}) as JaCoCo does, each test JVM writes its own report, and {@code check} fails the build on the
 * findings those reports name. The agent's option parser checks the configuration, so a bad option fails the
 * build with the message the agent itself would print.
 */
package io.localdrop.maven;
