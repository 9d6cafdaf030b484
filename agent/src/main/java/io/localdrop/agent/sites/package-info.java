/**
 * ThreadLocal access-site rewriting of application classes (construction, get, set, remove; also through
 * subclass-typed call sites) and the hooks the rewritten code calls. The registry of site ids it fills is
 * {@link io.localdrop.agent.findings.SiteRegistry}, lower down, because the findings, enforce and the report
 * read it too.
 */
package io.localdrop.agent.sites;
