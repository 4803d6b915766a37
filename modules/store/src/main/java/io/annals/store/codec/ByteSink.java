package io.annals.store.codec;

import java.util.Arrays;

/**
 * A growable byte buffer with the few primitives the store's value encodings need. Not thread-safe.
 */
public final class ByteSink {
    private byte[] buf;
    private int size;

    public ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public ByteSink writeByte(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    public ByteSink write(byte[] bytes) {
        return write(bytes, 0, bytes.length);
    }

    public ByteSink write(byte[] bytes, int offset, int length) {
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
        return this;
    }

    /** An unsigned LEB128 varint: seven bits per byte, low bits first; 1 to 10 bytes. */
    public ByteSink writeVarLong(long value) {
        ensure(10);
        while ((value & ~0x7fL) != 0) {
            buf[size++] = (byte) ((value & 0x7f) | 0x80);
            value >>>= 7;
        }
        buf[size++] = (byte) value;
        return this;
    }

    /** Big-endian, fixed {@code width} bytes (1 to 4): the low bytes of {@code value}. */
    public ByteSink writeFixed(int value, int width) {
        ensure(width);
        for (int i = width - 1; i >= 0; i--) {
            buf[size + i] = (byte) value;
            value >>>= 8;
        }
        size += width;
        return this;
    }

    /** Appends what {@code other} holds. */
    public ByteSink write(ByteSink other) {
        return write(other.buf, 0, other.size);
    }

    /** Big-endian, fixed 8 bytes. */
    public ByteSink writeLong(long value) {
        ensure(8);
        for (int i = 7; i >= 0; i--) {
            buf[size + i] = (byte) value;
            value >>>= 8;
        }
        size += 8;
        return this;
    }

    public int size() {
        return size;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }
}
