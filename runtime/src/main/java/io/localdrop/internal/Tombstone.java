package io.localdrop.internal;

import io.localdrop.KeyState;

/**
 * Stands in a key's per-thread cell instead of a value while the value is destroyed and afterwards.
 * A cell therefore holds {@code null} (UNINITIALIZED), a value (ALIVE) or a tombstone, and the fast
 * path of {@code get} needs a single type check to tell a value from everything else.
 */
final class Tombstone {
    static final Tombstone DESTROYING = new Tombstone(KeyState.DESTROYING);
    static final Tombstone DESTROYED = new Tombstone(KeyState.DESTROYED);

    final KeyState state;

    private Tombstone(KeyState state) {
        this.state = state;
    }
}
