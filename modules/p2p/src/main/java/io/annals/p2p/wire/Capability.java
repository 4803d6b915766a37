package io.annals.p2p.wire;

import java.util.Comparator;

/**
 * A capability as Hello advertises it: a short ASCII name and a version. Ordered by name, then
 * version, which is the order message-id ranges are handed out in.
 */
public record Capability(String name, int version) implements Comparable<Capability> {
    /**
     * The spec allows eight characters; names received from peers are accepted up to this length.
     */
    public static final int MAX_NAME_LENGTH = 32;

    private static final Comparator<Capability> ORDER =
            Comparator.comparing(Capability::name).thenComparingInt(Capability::version);

    public Capability {
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(
                    "capability name must be 1.."
                            + MAX_NAME_LENGTH
                            + " characters: '"
                            + name
                            + "'");
        }
        if (version < 0) {
            throw new IllegalArgumentException(
                    "capability version must not be negative: " + version);
        }
    }

    @Override
    public int compareTo(Capability other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return name + "/" + version;
    }
}
