package io.localdrop;

/**
 * Thrown when an {@link OwnedKey} is used on a thread while its value is being destroyed (rule 5), or
 * after it was destroyed at that thread's exit (rule 6). Rust raises the same error with
 * "cannot access a Thread Local Storage value during or after destruction".
 */
public final class AccessError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    private final String keyName;
    private final KeyState state;

    /**
     * @param keyName the key's name, as {@link OwnedKey#name()} gives it
     * @param state   {@link KeyState#DESTROYING} or {@link KeyState#DESTROYED}
     */
    public AccessError(String keyName, KeyState state) {
        super(message(keyName, state));
        this.keyName = keyName;
        this.state = state;
    }

    private static String message(String keyName, KeyState state) {
        String when = state == KeyState.DESTROYING ? "while its value is being destroyed" : "after its value was destroyed at thread exit";
        return "cannot access key '" + keyName + "' on thread '" + Thread.currentThread().getName() + "' " + when
                + " (state " + state + ")";
    }

    /** @return the name of the key that was accessed */
    public String keyName() {
        return keyName;
    }

    /** @return the key's state on the accessing thread: {@code DESTROYING} or {@code DESTROYED} */
    public KeyState state() {
        return state;
    }
}
