package io.annals.store.codec;

import io.annals.store.StoreCorruptionException;
import java.util.Arrays;

/**
 * A bounds-checked cursor over one stored value. Stored values are written by this code, so a read
 * past the end or a malformed varint means the database is damaged: it throws {@link
 * StoreCorruptionException} naming what was being read.
 */
public final class ByteSource {
    private static final int WORD = 32;

    private final byte[] data;
    private final String what;
    private int pos;

    public ByteSource(byte[] data, String what) {
        this.data = data;
        this.what = what;
    }

    public boolean hasMore() {
        return pos < data.length;
    }

    public int remaining() {
        return data.length - pos;
    }

    public int position() {
        return pos;
    }

    public int readByte() {
        require(1);
        return data[pos++] & 0xff;
    }

    public byte[] read(int length) {
        require(length);
        byte[] out = Arrays.copyOfRange(data, pos, pos + length);
        pos += length;
        return out;
    }

    /** Copies {@code length} bytes into {@code dst} at {@code offset}. */
    public void readInto(byte[] dst, int offset, int length) {
        require(length);
        System.arraycopy(data, pos, dst, offset, length);
        pos += length;
    }

    /** Moves the cursor to {@code position}, which must lie within the value or at its end. */
    public void seek(int position) {
        if (position < 0 || position > data.length) {
            throw corrupt(
                    "position " + position + " outside the value's " + data.length + " bytes");
        }
        pos = position;
    }

    public void skip(int length) {
        require(length);
        pos += length;
    }

    public long readVarLong() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw corrupt("varint longer than 10 bytes");
    }

    /** A varint that must be a count or index in {@code [0, max]}. */
    public int readVarInt(int max) {
        if (pos < data.length && data[pos] >= 0 && data[pos] <= max) {
            return data[pos++]; // one byte: most counts and dictionary indices
        }
        long value = readVarLong();
        if (value < 0 || value > max) {
            throw corrupt("value " + Long.toUnsignedString(value) + " exceeds " + max);
        }
        return (int) value;
    }

    /**
     * The count of leading zero bytes of a trimmed 32-byte word ({@link CompactReceipts}): one
     * byte, at most 32.
     */
    public int readWordZeros() {
        int zeros = readByte();
        if (zeros > WORD) {
            throw corrupt("word with " + zeros + " leading zeros");
        }
        return zeros;
    }

    /**
     * Skips {@code words} trimmed 32-byte words, each its zero count and the rest of its bytes: one
     * tight loop, since a log scan skips every unwanted log's data this way.
     */
    public void skipWords(int words) {
        int at = pos;
        for (int i = 0; i < words; i++) {
            if (at >= data.length) {
                throw corrupt("truncated in word " + i + " of " + words);
            }
            int zeros = data[at] & 0xff;
            if (zeros > WORD) {
                throw corrupt("word with " + zeros + " leading zeros");
            }
            at += 1 + WORD - zeros;
        }
        if (at > data.length) {
            throw corrupt("truncated in the last of " + words + " words");
        }
        pos = at;
    }

    public long readLong() {
        require(8);
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (data[pos++] & 0xff);
        }
        return value;
    }

    public void ensureEnd() {
        if (pos != data.length) {
            throw corrupt((data.length - pos) + " trailing bytes");
        }
    }

    public StoreCorruptionException corrupt(String problem) {
        return new StoreCorruptionException(what + ": " + problem + " at offset " + pos);
    }

    private void require(int length) {
        if (length < 0 || pos + length > data.length) {
            throw corrupt(
                    "truncated (needs " + length + " bytes, " + (data.length - pos) + " left)");
        }
    }
}
