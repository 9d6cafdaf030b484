/**
 * ThreadLocal access-site rewriting of application classes (construction, get, set, remove; also through
 * subclass-typed call sites), the hooks the rewritten code calls, and the registry of site ids.
 */
package io.localdrop.agent.sites;
