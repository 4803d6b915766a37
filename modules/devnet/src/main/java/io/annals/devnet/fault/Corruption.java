package io.annals.devnet.fault;

/**
 * Corrupt data: for a {@code share} of blocks (chosen deterministically from the seed, the peer and
 * the block), bodies and/or receipts are served with one byte changed, so they still decode but no
 * longer match their header's roots.
 */
public record Corruption(boolean bodies, boolean receipts, double share) {
    public Corruption {
        if (!bodies && !receipts) {
            throw new IllegalArgumentException("corrupt bodies, receipts or both");
        }
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be within (0, 1], got " + share);
        }
    }
}
