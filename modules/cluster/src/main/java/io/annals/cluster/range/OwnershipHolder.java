package io.annals.cluster.range;

/**
 * Hands the keeper's latest {@link Ownership} to code that runs outside actors: the writer's store
 * thread ({@link OwnedStore}) and the holdings publisher. One writer (the keeper), readers on any
 * thread; the value is immutable, so a volatile reference is all the sharing there is.
 */
public final class OwnershipHolder {
    private volatile Ownership current = Ownership.NONE;

    public Ownership get() {
        return current;
    }

    void set(Ownership ownership) {
        current = ownership;
    }
}
