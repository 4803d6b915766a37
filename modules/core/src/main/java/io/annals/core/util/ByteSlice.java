package io.annals.core.util;

import java.util.Arrays;

/**
 * A read-only view of part of a byte array, so that decoders can hand out fields without copying.
 * The view shares the array: callers must not mutate it, and must {@link #toArray() copy} what they
 * keep beyond the life of the input buffer.
 */
public record ByteSlice(byte[] array, int offset, int length) {
    public static final ByteSlice EMPTY = new ByteSlice(Bytes.EMPTY, 0, 0);

    public ByteSlice {
        if (offset < 0 || length < 0 || offset + length > array.length) {
            throw new IndexOutOfBoundsException(
                    "slice [" + offset + ", +" + length + ") of " + array.length + " bytes");
        }
    }

    public static ByteSlice of(byte[] array) {
        return new ByteSlice(array, 0, array.length);
    }

    public byte get(int index) {
        return array[offset + index];
    }

    public byte[] toArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    public boolean isEmpty() {
        return length == 0;
    }

    public boolean contentEquals(byte[] other) {
        return Arrays.equals(array, offset, offset + length, other, 0, other.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteSlice s
                && Arrays.equals(
                        array, offset, offset + length, s.array, s.offset, s.offset + s.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + array[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return "0x" + Hex.encode(array, offset, length);
    }
}
