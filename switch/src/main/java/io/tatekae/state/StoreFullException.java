package io.tatekae.state;

/** A new card or account does not fit the capacity the store was created with. */
public final class StoreFullException extends IllegalStateException {
    public StoreFullException(String message) {
        super(message);
    }
}
