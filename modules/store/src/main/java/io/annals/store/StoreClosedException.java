package io.annals.store;

/** The store was closed; no further reads or writes are possible. */
public final class StoreClosedException extends StoreException {
    public StoreClosedException() {
        super("the history store is closed");
    }
}
