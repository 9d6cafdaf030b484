/**
 * Endpoints that use per-thread state correctly: a request-scoped ThreadLocal set by a filter and
 * removed in {@code finally}, {@code MDC.put}/{@code MDC.remove} around the request, Spring Security's
 * context. Under the agent these must give no WARNING or ERROR finding.
 */
package io.localdrop.stackapps.boot.correct;
