package io.annals.core.types;

import io.annals.core.util.Bytes;
import io.annals.core.util.Hex;
import java.util.Arrays;

/**
 * A 32-byte value: a Keccak-256 digest, a trie root, a storage key. Immutable; equality is by
 * content, so hashes can be map keys.
 */
public final class Hash implements Comparable<Hash> {
    public static final int SIZE = 32;
    public static final Hash ZERO = new Hash(new byte[SIZE]);

    private final byte[] bytes;
    private int hashCode;

    private Hash(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes ownership of {@code bytes}: the caller must not modify the array afterwards. */
    public static Hash wrap(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a hash is 32 bytes, got " + bytes.length);
        }
        return new Hash(bytes);
    }

    public static Hash copyOf(byte[] data, int offset) {
        if (offset < 0 || offset + SIZE > data.length) {
            throw new IllegalArgumentException(
                    "a hash needs 32 bytes at offset " + offset + " of " + data.length);
        }
        return new Hash(Arrays.copyOfRange(data, offset, offset + SIZE));
    }

    public static Hash fromHex(String hex) {
        return wrap(Hex.decode(hex));
    }

    /** A copy of the 32 bytes. */
    public byte[] toArray() {
        return bytes.clone();
    }

    /** The backing array without a copy, for hot paths that only read it. Do not modify. */
    public byte[] unsafeArray() {
        return bytes;
    }

    public void copyTo(byte[] dst, int offset) {
        System.arraycopy(bytes, 0, dst, offset, SIZE);
    }

    public String toHex() {
        return Hex.prefixed(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
    }

    @Override
    public int hashCode() {
        int h = hashCode;
        if (h == 0) {
            // Not just the leading bytes: log topics are often zero-padded addresses or small
            // numbers
            // whose first bytes are all zero. Zero is the "not yet computed" marker, so it maps to
            // 1.
            long mixed = 0;
            for (int offset = 0; offset < SIZE; offset += 8) {
                mixed = (mixed + Bytes.readLong(bytes, offset, 8)) * 0x9E3779B97F4A7C15L;
                mixed ^= mixed >>> 29;
            }
            h = (int) (mixed ^ (mixed >>> 32));
            if (h == 0) {
                h = 1;
            }
            hashCode = h;
        }
        return h;
    }

    @Override
    public int compareTo(Hash other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
