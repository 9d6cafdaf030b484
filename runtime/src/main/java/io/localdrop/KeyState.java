package io.localdrop;

/**
 * The state of an {@link OwnedKey} on one thread.
 *
 * <p>A key moves {@code UNINITIALIZED -> ALIVE} on first use (rule 1) or on {@link OwnedKey#set set},
 * back to {@code UNINITIALIZED} on {@link OwnedKey#take take}, {@link OwnedKey#remove remove} and
 * {@link Localdrop#destroyAll()}, and {@code ALIVE -> DESTROYING -> DESTROYED} when its thread exits.
 * {@code DESTROYED} is final for that thread (rule 6).
 */
public enum KeyState {
    /** No value on this thread; the next access runs the initializer. */
    UNINITIALIZED,
    /** A value is present on this thread. */
    ALIVE,
    /** The value's destructor is running on this thread; every access throws {@link AccessError} (rule 5). */
    DESTROYING,
    /** The value was destroyed at this thread's exit; every access throws {@link AccessError} for good (rule 6). */
    DESTROYED
}
