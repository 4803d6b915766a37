package io.annals.store;

/**
 * The database on disk cannot be opened with this configuration: it belongs to another chain (chain
 * id or genesis hash differ) or was written by a newer schema version.
 */
public final class IncompatibleStoreException extends StoreException {
    public IncompatibleStoreException(String message) {
        super(message);
    }
}
