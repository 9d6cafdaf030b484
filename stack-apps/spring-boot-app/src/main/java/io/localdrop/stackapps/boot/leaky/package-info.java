/**
 * Endpoints with the classic per-thread mistakes, on purpose: a user put into a ThreadLocal by a filter
 * and never removed, {@code MDC.put} without {@code MDC.remove}, a connection left on the worker thread.
 * Lines that the suite expects in findings end with a {@code // leak: ...} marker comment.
 */
package io.localdrop.stackapps.boot.leaky;
