/**
 * localdrop: per-thread state that is cleaned up correctly.
 *
 * <p>{@link io.localdrop.OwnedKey} is a lazily initialized per-thread value with a destructor that runs on
 * the thread when it exits; {@link io.localdrop.ScopedKey} binds a value only while an operation runs.
 * Both follow the rules of the thread-local storage RFC as Rust implements it: no access to a key while
 * or after it is destroyed ({@link io.localdrop.AccessError}), a failing destructor aborts the process,
 * and re-initialization during destruction is bounded. {@link io.localdrop.Localdrop} tells whether the
 * agent is active and provides thread-exit destruction without it.
 *
 * <p>This package has no dependencies beyond {@code java.base}.
 */
package io.localdrop;
