package io.annals.core.rlp;

import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import io.annals.core.util.Bytes;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * A strict, zero-copy cursor over a sequence of RLP items (spec: ethereum.org "Recursive-length
 * prefix serialization" and the yellow paper, appendix B).
 *
 * <p>The reader never copies the input: {@link #readList()} returns a child reader over the list's
 * payload in the same array, and {@link #readSlice()} returns a view. It rejects everything the
 * spec calls non-canonical: a single byte below 0x80 wrapped as a one-byte string, the long form
 * used for a length under 56, leading zero bytes in a length or an integer, and lengths that run
 * past the enclosing item. Nesting deeper than {@link #maxDepth()} is rejected too, so hostile
 * input cannot drive recursive consumers into a stack overflow. Every error is an {@link
 * RlpException} naming the offset.
 *
 * <p>Not thread-safe; cheap to create.
 */
public final class RlpReader {
    /**
     * Deep enough for every Ethereum structure (blocks nest about six levels), small enough to be
     * safe.
     */
    public static final int DEFAULT_MAX_DEPTH = 64;

    private final byte[] data;
    private final int end;
    private final int depth;
    private final int maxDepth;
    private int pos;

    // header of the item at `pos`, filled by parseHeader()
    private int headerPos = -1;
    private boolean itemIsList;
    private int payloadOffset;
    private int payloadLength;

    private RlpReader(byte[] data, int start, int end, int depth, int maxDepth) {
        this.data = data;
        this.pos = start;
        this.end = end;
        this.depth = depth;
        this.maxDepth = maxDepth;
    }

    /** A reader over all of {@code data}, which may hold several items in sequence. */
    public static RlpReader of(byte[] data) {
        return new RlpReader(data, 0, data.length, 0, DEFAULT_MAX_DEPTH);
    }

    public static RlpReader of(byte[] data, int offset, int length) {
        // checkFromIndexSize also catches offset + length overflowing int
        Objects.checkFromIndexSize(offset, length, data.length);
        return new RlpReader(data, offset, offset + length, 0, DEFAULT_MAX_DEPTH);
    }

    public static RlpReader of(ByteSlice slice) {
        return of(slice.array(), slice.offset(), slice.length());
    }

    /** A reader that rejects lists nested deeper than {@code maxDepth}. */
    public static RlpReader of(byte[] data, int maxDepth) {
        return new RlpReader(data, 0, data.length, 0, maxDepth);
    }

    /**
     * Decodes {@code data} as exactly one list and returns a reader over its elements; trailing
     * bytes after the list are an error.
     */
    public static RlpReader list(byte[] data) {
        RlpReader top = of(data);
        RlpReader list = top.readList();
        top.ensureEnd();
        return list;
    }

    public int maxDepth() {
        return maxDepth;
    }

    /** Current offset in the underlying array. */
    public int position() {
        return pos;
    }

    public byte[] array() {
        return data;
    }

    public boolean hasNext() {
        return pos < end;
    }

    /** Throws unless every item has been read. */
    public void ensureEnd() {
        if (pos != end) {
            throw new RlpException("unexpected trailing bytes: " + (end - pos), pos);
        }
    }

    public boolean nextIsList() {
        parseHeader();
        return itemIsList;
    }

    /** Length of the next item's payload (string bytes or list content), without consuming it. */
    public int nextPayloadLength() {
        parseHeader();
        return payloadLength;
    }

    /** Reads a list and returns a reader over its payload. */
    public RlpReader readList() {
        parseHeader();
        if (!itemIsList) {
            throw new RlpException("expected a list, found a string", pos);
        }
        if (depth + 1 > maxDepth) {
            throw new RlpException("lists nested deeper than " + maxDepth, pos);
        }
        RlpReader child =
                new RlpReader(
                        data, payloadOffset, payloadOffset + payloadLength, depth + 1, maxDepth);
        advance();
        return child;
    }

    /** Reads a string item and returns a view of its bytes. */
    public ByteSlice readSlice() {
        expectString();
        ByteSlice slice = new ByteSlice(data, payloadOffset, payloadLength);
        advance();
        return slice;
    }

    /** Reads a string item and returns a copy of its bytes. */
    public byte[] readBytes() {
        expectString();
        byte[] out = Arrays.copyOfRange(data, payloadOffset, payloadOffset + payloadLength);
        advance();
        return out;
    }

    /** Reads a string of exactly {@code size} bytes. */
    public byte[] readFixed(int size, String what) {
        expectString();
        if (payloadLength != size) {
            throw new RlpException(what + " must be " + size + " bytes, got " + payloadLength, pos);
        }
        return readBytes();
    }

    public Hash readHash() {
        return Hash.wrap(readFixed(Hash.SIZE, "hash"));
    }

    public Address readAddress() {
        return Address.wrap(readFixed(Address.SIZE, "address"));
    }

    /**
     * Reads a canonical unsigned integer of up to 64 bits. Values of 2^63 and above come back
     * negative: callers treat the result as unsigned.
     */
    public long readLong() {
        expectScalar(8);
        long value = Bytes.readLong(data, payloadOffset, payloadLength);
        advance();
        return value;
    }

    /** Reads a canonical unsigned integer that must fit a non-negative {@code int}. */
    public int readInt() {
        int at = pos;
        long value = readLong();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw new RlpException(
                    "integer " + Long.toUnsignedString(value) + " does not fit an int", at);
        }
        return (int) value;
    }

    /** Reads a canonical unsigned integer of up to 256 bits. */
    public BigInteger readUInt256() {
        return readBigInteger(32);
    }

    /** Reads a canonical unsigned integer of at most {@code maxBytes} bytes. */
    public BigInteger readBigInteger(int maxBytes) {
        expectScalar(maxBytes);
        BigInteger value =
                payloadLength == 0
                        ? BigInteger.ZERO
                        : new BigInteger(
                                1,
                                Arrays.copyOfRange(
                                        data, payloadOffset, payloadOffset + payloadLength));
        advance();
        return value;
    }

    /** The full encoding (header and payload) of the next item, as a view, and skips it. */
    public ByteSlice readRawSlice() {
        parseHeader();
        ByteSlice slice = new ByteSlice(data, pos, payloadOffset + payloadLength - pos);
        advance();
        return slice;
    }

    /** A copy of the full encoding of the next item, and skips it. */
    public byte[] readRaw() {
        return readRawSlice().toArray();
    }

    public void skip() {
        parseHeader();
        advance();
    }

    private void expectString() {
        parseHeader();
        if (itemIsList) {
            throw new RlpException("expected a string, found a list", pos);
        }
    }

    private void expectScalar(int maxBytes) {
        expectString();
        if (payloadLength > maxBytes) {
            throw new RlpException(
                    "integer of " + payloadLength + " bytes exceeds " + maxBytes, pos);
        }
        if (payloadLength > 0 && data[payloadOffset] == 0) {
            throw new RlpException("non-canonical integer: leading zero byte", pos);
        }
    }

    private void advance() {
        pos = payloadOffset + payloadLength;
        headerPos = -1;
    }

    private void parseHeader() {
        if (headerPos == pos) {
            return;
        }
        if (pos >= end) {
            throw new RlpException("no more items", pos);
        }
        int prefix = data[pos] & 0xff;
        if (prefix < 0x80) {
            itemIsList = false;
            payloadOffset = pos;
            payloadLength = 1;
        } else if (prefix <= 0xb7) {
            itemIsList = false;
            payloadOffset = pos + 1;
            payloadLength = prefix - 0x80;
            checkBounds();
            if (payloadLength == 1 && (data[payloadOffset] & 0xff) < 0x80) {
                throw new RlpException(
                        "non-canonical: single byte below 0x80 encoded as a string", pos);
            }
        } else if (prefix <= 0xbf) {
            itemIsList = false;
            readLongLength(prefix - 0xb7);
        } else if (prefix <= 0xf7) {
            itemIsList = true;
            payloadOffset = pos + 1;
            payloadLength = prefix - 0xc0;
            checkBounds();
        } else {
            itemIsList = true;
            readLongLength(prefix - 0xf7);
        }
        headerPos = pos;
    }

    private void readLongLength(int lengthOfLength) {
        int lengthStart = pos + 1;
        if (lengthStart + lengthOfLength > end) {
            throw new RlpException("truncated length", pos);
        }
        if (data[lengthStart] == 0) {
            throw new RlpException("non-canonical: leading zero in length", pos);
        }
        if (lengthOfLength > 4) {
            throw new RlpException("length of " + lengthOfLength + " bytes is too large", pos);
        }
        long length = Bytes.readLong(data, lengthStart, lengthOfLength);
        if (length < 56) {
            throw new RlpException("non-canonical: long form used for length " + length, pos);
        }
        if (length > Integer.MAX_VALUE) {
            throw new RlpException("length " + length + " is too large", pos);
        }
        payloadOffset = lengthStart + lengthOfLength;
        payloadLength = (int) length;
        checkBounds();
    }

    private void checkBounds() {
        if ((long) payloadOffset + payloadLength > end) {
            throw new RlpException(
                    "truncated: item needs "
                            + payloadLength
                            + " bytes, "
                            + Math.max(0, end - payloadOffset)
                            + " remain",
                    pos);
        }
    }
}
