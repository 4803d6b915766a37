package io.annals.core.util;

import java.util.Arrays;

/**
 * A 20- or 32-byte value (an address, a topic) as a hash-map key. {@code core.types.Hash} derives
 * its hash code from its first four bytes, which are zero for every indexed address and small
 * number among log topics (and its cached code changes after the first call for such values), so
 * per-block dictionaries key on this instead.
 *
 * <p>The hash code mixes the last eight bytes, which vary for hashes, addresses and zero-padded
 * values alike. Log values are chosen by anyone who deploys a contract, so colliding codes are
 * cheap to make; keys are {@link Comparable} so that {@link java.util.HashMap} falls back to a
 * balanced tree for such collisions instead of a list. Shares the array: do not modify it.
 */
public record ByteKey(byte[] bytes) implements Comparable<ByteKey> {
    @Override
    public boolean equals(Object o) {
        return o instanceof ByteKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        long tail = 0;
        for (int i = Math.max(0, bytes.length - 8); i < bytes.length; i++) {
            tail = tail << 8 | (bytes[i] & 0xff);
        }
        tail *= 0x9E3779B97F4A7C15L;
        return (int) (tail ^ (tail >>> 32));
    }

    @Override
    public int compareTo(ByteKey other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return Hex.prefixed(bytes);
    }
}
