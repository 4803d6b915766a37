package io.annals.core.types;

import io.annals.core.util.Hex;
import java.util.Arrays;

/** A 20-byte account address. Immutable; equality is by content. */
public final class Address implements Comparable<Address> {
    public static final int SIZE = 20;
    public static final Address ZERO = new Address(new byte[SIZE]);

    private final byte[] bytes;

    private Address(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes ownership of {@code bytes}: the caller must not modify the array afterwards. */
    public static Address wrap(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("an address is 20 bytes, got " + bytes.length);
        }
        return new Address(bytes);
    }

    public static Address copyOf(byte[] data, int offset) {
        if (offset < 0 || offset + SIZE > data.length) {
            throw new IllegalArgumentException(
                    "an address needs 20 bytes at offset " + offset + " of " + data.length);
        }
        return new Address(Arrays.copyOfRange(data, offset, offset + SIZE));
    }

    public static Address fromHex(String hex) {
        return wrap(Hex.decode(hex));
    }

    public byte[] toArray() {
        return bytes.clone();
    }

    /** The backing array without a copy, for hot paths that only read it. Do not modify. */
    public byte[] unsafeArray() {
        return bytes;
    }

    public String toHex() {
        return Hex.prefixed(bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && Arrays.equals(bytes, a.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public int compareTo(Address other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return toHex();
    }
}
