package io.annals.sync.model;

import java.util.Objects;

/**
 * Identifies one live peer session inside the sync engine. The engine never holds a peer object,
 * only this id, so the scheduling state stays testable without sessions (the p2p layer maps its
 * node ids to these).
 */
public record PeerId(String value) implements Comparable<PeerId> {

    public PeerId {
        Objects.requireNonNull(value, "value");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("peer id must not be empty");
        }
    }

    public static PeerId of(String value) {
        return new PeerId(value);
    }

    @Override
    public int compareTo(PeerId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
