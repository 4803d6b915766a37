package io.annals.cluster.directory;

/**
 * The latest {@link Directory}, for readers outside actors (RPC threads, the p2p layer). Written by
 * the {@link DirectoryView} actor only; the value is immutable.
 */
public final class DirectoryHolder {
    private volatile Directory current;

    public DirectoryHolder(Directory initial) {
        this.current = initial;
    }

    public Directory get() {
        return current;
    }

    void set(Directory directory) {
        current = directory;
    }
}
