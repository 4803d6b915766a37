package io.annals.core.rlp;

import java.math.BigInteger;

/** One-shot RLP encodings for callers that do not need a {@link RlpWriter}. */
public final class Rlp {
    /** The encoding of the empty string, 0x80. */
    public static final byte[] EMPTY_STRING = {(byte) 0x80};

    /** The encoding of the empty list, 0xc0. */
    public static final byte[] EMPTY_LIST = {(byte) 0xc0};

    private Rlp() {}

    public static byte[] encodeBytes(byte[] bytes) {
        return new RlpWriter(bytes.length + 9).writeBytes(bytes).toByteArray();
    }

    public static byte[] encodeLong(long value) {
        return new RlpWriter(16).writeLong(value).toByteArray();
    }

    public static byte[] encodeBigInteger(BigInteger value) {
        return new RlpWriter(40).writeBigInteger(value).toByteArray();
    }

    /** A list of already-encoded items. */
    public static byte[] encodeList(byte[]... encodedItems) {
        int total = 9;
        for (byte[] item : encodedItems) {
            total += item.length;
        }
        RlpWriter w = new RlpWriter(total);
        int mark = w.startList();
        for (byte[] item : encodedItems) {
            w.writeRaw(item);
        }
        return w.endList(mark).toByteArray();
    }
}
