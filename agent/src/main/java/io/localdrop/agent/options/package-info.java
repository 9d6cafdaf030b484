/**
 * The agent's options ({@code -javaagent:localdrop-agent.jar=key=value,...}): parsing and validation into
 * one immutable {@link io.localdrop.agent.options.AgentOptions}. A bad option is reported as one line
 * naming the option, the bad value and what is accepted ({@link io.localdrop.agent.options.BadOptionException});
 * the agent prints it and halts the JVM with status 2 before {@code main}.
 *
 * <p>Runs inside premain, so it uses no lambdas, streams or regular expressions: each would load classes
 * (and spin bootstrap methods) that cost JVM start-up time for every application.
 */
package io.localdrop.agent.options;
