/**
 * The arrows between the modules, checked on their compiled classes as this module's class path holds them (the
 * agent's package rules are the agent's own {@code ArchitectureTest}).
 */
package io.localdrop.it.architecture;
