package io.annals.store;

/**
 * A failure of the history store. Unchecked: callers on the blocking dispatcher decide how to
 * recover.
 */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
