package io.annals.store;

/**
 * A write (blocks, rollback, metadata) did not happen: the database refused the batch (disk full,
 * I/O error, closed database). Batches are atomic, so nothing of the failed write is stored and the
 * store's view of what is present is unchanged; the caller may retry or stop.
 */
public final class StoreWriteException extends StoreException {
    public StoreWriteException(String message, Throwable cause) {
        super(message, cause);
    }
}
