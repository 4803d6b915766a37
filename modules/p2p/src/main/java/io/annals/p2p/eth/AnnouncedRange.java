package io.annals.p2p.eth;

import io.annals.core.types.Hash;
import java.util.Objects;

/**
 * A range of blocks a node serves in full (bodies and receipts), as eth/69's Status and
 * BlockRangeUpdate announce it (<a href="https://eips.ethereum.org/EIPS/eip-7642">EIP-7642</a>):
 * every block from {@code earliest} to {@code latest}, the latter with hash {@code latestHash}.
 * Block numbers are unsigned 64-bit values in {@code long} bits.
 *
 * <p>A peer's announcement is a hint, not a promise: it lags the peer's head by up to an epoch (32
 * blocks), and some clients announce an earliest block they cannot serve.
 */
public record AnnouncedRange(long earliest, long latest, Hash latestHash) {
    public AnnouncedRange {
        Objects.requireNonNull(latestHash, "latestHash");
    }

    /**
     * Whether {@code earliest <= latest}; the spec says to disconnect a peer that announces
     * otherwise.
     */
    public boolean isValid() {
        return Long.compareUnsigned(earliest, latest) <= 0;
    }

    /** Whether the range holds block {@code number}. */
    public boolean contains(long number) {
        return Long.compareUnsigned(earliest, number) <= 0
                && Long.compareUnsigned(number, latest) <= 0;
    }

    @Override
    public String toString() {
        return "["
                + Long.toUnsignedString(earliest)
                + ".."
                + Long.toUnsignedString(latest)
                + " "
                + latestHash
                + "]";
    }
}
