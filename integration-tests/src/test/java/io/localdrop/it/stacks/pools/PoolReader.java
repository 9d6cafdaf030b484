package io.localdrop.it.stacks.pools;

/**
 * Reads {@link PoolUser}'s user from another class, as a handler reads what a filter stored. ForkJoin subtasks map
 * elements one after the other within one task, so a read that returns null may come just before a store in the
 * same task; read through {@code PoolUser.read}, the store would be taken for that class's own per-thread state
 * (docs/diagnose.md, rule {@code read-before-store}).
 */
final class PoolReader {

    private PoolReader() {
    }

    static String read() {
        return PoolUser.USER.get(); // leak: user read elsewhere
    }
}
