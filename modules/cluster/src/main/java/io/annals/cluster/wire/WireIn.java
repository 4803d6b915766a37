package io.annals.cluster.wire;

import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the cluster's binary messages, bounded: every length and count is checked against the bytes
 * that are left (an element takes at least {@code minBytes} each), so a message can never make the
 * reader allocate more than the message's own size, and text is at most {@link #MAX_TEXT} bytes.
 * Anything malformed is a {@link WireException}.
 */
final class WireIn {
    static final int MAX_TEXT = 4096;

    private final byte[] bytes;
    private int at;

    WireIn(byte[] bytes) {
        this.bytes = bytes;
    }

    long readLong() {
        need(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[at++] & 0xff);
        }
        return value;
    }

    int readInt() {
        need(4);
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (bytes[at++] & 0xff);
        }
        return value;
    }

    int readByte() {
        need(1);
        return bytes[at++] & 0xff;
    }

    boolean readBoolean() {
        int value = readByte();
        if (value > 1) {
            throw new WireException("not a boolean: " + value + " at " + (at - 1));
        }
        return value == 1;
    }

    long readNonNegative(String what) {
        long value = readLong();
        if (value < 0) {
            throw new WireException(what + " is negative: " + value);
        }
        return value;
    }

    byte[] readBytes() {
        int length = readInt();
        if (length < 0 || length > bytes.length - at) {
            throw new WireException(
                    "length " + length + " at " + (at - 4) + " exceeds the message");
        }
        byte[] value = Arrays.copyOfRange(bytes, at, at + length);
        at += length;
        return value;
    }

    String readString() {
        int length = readInt();
        if (length < 0 || length > MAX_TEXT || length > bytes.length - at) {
            throw new WireException("text of " + length + " bytes at " + (at - 4));
        }
        String value = new String(bytes, at, length, StandardCharsets.UTF_8);
        at += length;
        return value;
    }

    Hash readHash() {
        need(Hash.SIZE);
        Hash hash = Hash.copyOf(bytes, at);
        at += Hash.SIZE;
        return hash;
    }

    Address readAddress() {
        need(Address.SIZE);
        Address address = Address.copyOf(bytes, at);
        at += Address.SIZE;
        return address;
    }

    /** A count of elements that take at least {@code minBytes} each: never more than fit. */
    int readCount(int minBytes, int max, String what) {
        int count = readInt();
        if (count < 0 || count > max || (long) count * minBytes > bytes.length - at) {
            throw new WireException(
                    count + " " + what + " at " + (at - 4) + " do not fit the message");
        }
        return count;
    }

    void ensureEnd() {
        if (at != bytes.length) {
            throw new WireException((bytes.length - at) + " bytes after the message");
        }
    }

    private void need(int n) {
        if (n > bytes.length - at) {
            throw new WireException(
                    "message ends at " + bytes.length + ", " + n + " bytes needed at " + at);
        }
    }
}
