/**
 * mode=enforce in real child JVMs: plain ThreadLocal AutoCloseable values (a real H2 JDBC connection) closed on
 * their thread at exit and at pool shutdown, AccessError during and after close, bounded re-initialization with
 * REINIT_LEAK, the failure policy, clearAfterTask against a cross-task bleed, and values that are not
 * AutoCloseable left alone.
 */
package io.localdrop.it.enforce;
