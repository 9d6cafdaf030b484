/** Helpers shared by the integration tests: starting child JVMs with the agent. */
package io.localdrop.it.support;
