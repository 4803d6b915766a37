package io.annals.store.codec;

import java.util.Arrays;

/**
 * A 20- or 32-byte value (an address, a topic) as a hash-map key. {@code core.types.Hash} derives
 * its hash code from its first four bytes, which are zero for every indexed address and small
 * number among log topics (and its cached code changes after the first call for such values), so
 * per-block dictionaries key on the whole content instead. Shares the array: do not modify it.
 */
public record ByteKey(byte[] bytes) {
    @Override
    public boolean equals(Object o) {
        return o instanceof ByteKey k && Arrays.equals(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return io.annals.core.util.Hex.prefixed(bytes);
    }
}
