package io.localdrop;

/**
 * Releases a per-thread value. Runs on the thread that owned the value.
 *
 * <p>A destructor that throws ends the process (rule 9 of the contract: like a panic in a Rust TLS
 * destructor) unless the failure policy is {@code log}: see {@link OwnedKey}.
 *
 * @param <T> the type of value destroyed
 */
@FunctionalInterface
public interface Destructor<T> {
    /**
     * Releases {@code value}.
     *
     * @param value the value being destroyed, never null
     * @throws Exception if releasing failed; handled by the destructor failure policy (rule 9)
     */
    void destroy(T value) throws Exception;
}
