package io.annals.core.rlp;

import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import io.annals.core.util.Bytes;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Builds an RLP encoding into one growable buffer.
 *
 * <p>Lists are written in place: {@link #startList()} returns a mark, the elements follow, and
 * {@link #endList(int)} inserts the header once the payload length is known (one array shift per
 * list, no intermediate arrays). Integers are written in canonical form (no leading zeros; zero is
 * the empty string).
 *
 * <p>Not thread-safe; reuse with {@link #reset()}.
 */
public final class RlpWriter {
    private byte[] buf;
    private int size;

    public RlpWriter() {
        this(256);
    }

    public RlpWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public RlpWriter writeBytes(byte[] bytes) {
        return writeBytes(bytes, 0, bytes.length);
    }

    public RlpWriter writeBytes(ByteSlice slice) {
        return writeBytes(slice.array(), slice.offset(), slice.length());
    }

    public RlpWriter writeBytes(byte[] bytes, int offset, int length) {
        if (length == 1 && (bytes[offset] & 0xff) < 0x80) {
            ensure(1);
            buf[size++] = bytes[offset];
            return this;
        }
        writeHeader(0x80, 0xb7, length);
        ensure(length);
        System.arraycopy(bytes, offset, buf, size, length);
        size += length;
        return this;
    }

    public RlpWriter writeHash(Hash hash) {
        return writeBytes(hash.unsafeArray());
    }

    public RlpWriter writeAddress(Address address) {
        return writeBytes(address.unsafeArray());
    }

    /** Writes an unsigned 64-bit integer (negative values are taken as their unsigned bits). */
    public RlpWriter writeLong(long value) {
        if (value == 0) {
            ensure(1);
            buf[size++] = (byte) 0x80;
        } else if (value > 0 && value < 0x80) {
            ensure(1);
            buf[size++] = (byte) value;
        } else {
            int len = Bytes.unsignedByteLength(value);
            ensure(1 + len);
            buf[size++] = (byte) (0x80 + len);
            for (int i = len - 1; i >= 0; i--) {
                buf[size++] = (byte) (value >>> (8 * i));
            }
        }
        return this;
    }

    /** Writes a non-negative integer of any size. */
    public RlpWriter writeBigInteger(BigInteger value) {
        if (value.signum() < 0) {
            throw new IllegalArgumentException("RLP integers are unsigned: " + value);
        }
        if (value.bitLength() <= 63) {
            return writeLong(value.longValue());
        }
        byte[] bytes = value.toByteArray();
        int skip = bytes[0] == 0 ? 1 : 0;
        return writeBytes(bytes, skip, bytes.length - skip);
    }

    public RlpWriter writeBoolean(boolean value) {
        return writeLong(value ? 1 : 0);
    }

    /** Appends an already-encoded item verbatim. */
    public RlpWriter writeRaw(byte[] encoded) {
        return writeRaw(encoded, 0, encoded.length);
    }

    public RlpWriter writeRaw(ByteSlice encoded) {
        return writeRaw(encoded.array(), encoded.offset(), encoded.length());
    }

    public RlpWriter writeRaw(byte[] encoded, int offset, int length) {
        ensure(length);
        System.arraycopy(encoded, offset, buf, size, length);
        size += length;
        return this;
    }

    /** Appends one byte verbatim (an EIP-2718 type byte in front of a typed encoding). */
    public RlpWriter writeRawByte(int value) {
        ensure(1);
        buf[size++] = (byte) value;
        return this;
    }

    public RlpWriter writeEmptyList() {
        ensure(1);
        buf[size++] = (byte) 0xc0;
        return this;
    }

    /** Begins a list; pass the returned mark to {@link #endList(int)}. */
    public int startList() {
        return size;
    }

    /** Closes the list begun at {@code mark}, inserting its header in front of the payload. */
    public RlpWriter endList(int mark) {
        if (mark < 0 || mark > size) {
            throw new IllegalStateException("bad list mark " + mark);
        }
        int payload = size - mark;
        int headerLength = payload < 56 ? 1 : 1 + Bytes.unsignedByteLength(payload);
        ensure(headerLength);
        System.arraycopy(buf, mark, buf, mark + headerLength, payload);
        putHeader(mark, 0xc0, 0xf7, payload);
        size += headerLength;
        return this;
    }

    public int size() {
        return size;
    }

    public void reset() {
        size = 0;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** The internal buffer; only the first {@link #size()} bytes are meaningful. */
    public byte[] buffer() {
        return buf;
    }

    private void writeHeader(int shortBase, int longBase, int length) {
        int headerLength = length < 56 ? 1 : 1 + Bytes.unsignedByteLength(length);
        ensure(headerLength);
        putHeader(size, shortBase, longBase, length);
        size += headerLength;
    }

    private void putHeader(int at, int shortBase, int longBase, int length) {
        if (length < 56) {
            buf[at] = (byte) (shortBase + length);
            return;
        }
        int lengthOfLength = Bytes.unsignedByteLength(length);
        buf[at] = (byte) (longBase + lengthOfLength);
        for (int i = 0; i < lengthOfLength; i++) {
            buf[at + 1 + i] = (byte) (length >>> (8 * (lengthOfLength - 1 - i)));
        }
    }

    private void ensure(int extra) {
        int needed = size + extra;
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }
}
