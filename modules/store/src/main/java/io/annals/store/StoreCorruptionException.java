package io.annals.store;

/**
 * A stored value is malformed or the tables disagree: the database was damaged or written by a bug.
 */
public final class StoreCorruptionException extends StoreException {
    public StoreCorruptionException(String message) {
        super(message);
    }
}
