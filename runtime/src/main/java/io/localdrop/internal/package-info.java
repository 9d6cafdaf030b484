/**
 * The machinery behind {@code io.localdrop}: per-thread storage cells, each thread's record of live keys
 * and its exit destruction (order, generations, bound), the destructor failure policy, configuration from
 * system properties, and the connection to the agent's bridge. Not an API: it may change at any time.
 */
package io.localdrop.internal;
