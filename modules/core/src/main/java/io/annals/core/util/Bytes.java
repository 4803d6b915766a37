package io.annals.core.util;

import java.util.Arrays;

/** Small helpers over byte arrays that the JDK lacks. */
public final class Bytes {
    public static final byte[] EMPTY = new byte[0];

    private Bytes() {}

    public static byte[] concat(byte[]... parts) {
        int total = 0;
        for (byte[] part : parts) {
            total += part.length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** Big-endian bytes of an unsigned long without leading zeros (zero gives an empty array). */
    public static byte[] trimmedBigEndian(long value) {
        int len = unsignedByteLength(value);
        byte[] out = new byte[len];
        for (int i = len - 1; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    /** Number of bytes of an unsigned long without leading zeros (0 for zero). */
    public static int unsignedByteLength(long value) {
        return (64 - Long.numberOfLeadingZeros(value) + 7) >>> 3;
    }

    /** Big-endian 8 bytes. */
    public static byte[] longBytes(long value) {
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    /** Reads a big-endian unsigned value of up to 8 bytes. */
    public static long readLong(byte[] data, int offset, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 8) | (data[offset + i] & 0xff);
        }
        return value;
    }

    /** Left-pads to {@code size} bytes; throws if the input is longer. */
    public static byte[] leftPad(byte[] data, int size) {
        if (data.length == size) {
            return data;
        }
        if (data.length > size) {
            throw new IllegalArgumentException(
                    "value of " + data.length + " bytes does not fit in " + size);
        }
        byte[] out = new byte[size];
        System.arraycopy(data, 0, out, size - data.length, data.length);
        return out;
    }

    public static byte[] copy(byte[] data, int offset, int length) {
        return Arrays.copyOfRange(data, offset, offset + length);
    }
}
