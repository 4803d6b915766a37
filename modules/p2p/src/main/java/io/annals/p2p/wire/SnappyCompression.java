package io.annals.p2p.wire;

import java.io.IOException;
import org.xerial.snappy.Snappy;

/**
 * Snappy block compression of message payloads, as p2p version 5 requires (<a
 * href="https://eips.ethereum.org/EIPS/eip-706">EIP-706</a>), on xerial snappy-java (native
 * snappy). Netty's own Snappy encoder is not used: it corrupts inputs above 64 KiB (netty #13226).
 *
 * <p>Decompression is bounded: the uncompressed length that a Snappy block declares in its varint
 * header is read and checked against the limit before any output is allocated, as rlpx.md asks.
 */
public final class SnappyCompression {
    /** rlpx.md: messages whose uncompressed data is larger than 16 MiB should be rejected. */
    public static final int DEFAULT_MAX_UNCOMPRESSED = 16 * 1024 * 1024;

    private SnappyCompression() {}

    public static byte[] compress(byte[] data) {
        try {
            return Snappy.compress(data);
        } catch (IOException e) {
            throw new IllegalStateException("snappy compression failed", e);
        }
    }

    /**
     * Decompresses a Snappy block.
     *
     * @throws MessageException (breach of protocol) when the block is corrupt or declares more than
     *     {@code maxUncompressed} bytes
     */
    public static byte[] decompress(byte[] data, int offset, int length, int maxUncompressed) {
        long declared = declaredLength(data, offset, length);
        if (declared > maxUncompressed) {
            throw new MessageException(
                    DisconnectReason.BREACH_OF_PROTOCOL,
                    "snappy payload declares "
                            + declared
                            + " bytes, the limit is "
                            + maxUncompressed);
        }
        if (declared > maxInflatedLength(length)) {
            // refused before the buffer is allocated: a few bytes must not cost megabytes
            throw new MessageException(
                    DisconnectReason.BREACH_OF_PROTOCOL,
                    "snappy payload of "
                            + length
                            + " bytes declares "
                            + declared
                            + ", more than it can inflate to");
        }
        byte[] out = new byte[(int) declared];
        try {
            int written = Snappy.uncompress(data, offset, length, out, 0);
            if (written != declared) {
                throw new MessageException(
                        DisconnectReason.BREACH_OF_PROTOCOL,
                        "snappy payload inflated to "
                                + written
                                + " bytes, it declared "
                                + declared);
            }
        } catch (IOException e) {
            throw new MessageException(
                    DisconnectReason.BREACH_OF_PROTOCOL,
                    "corrupt snappy payload: " + e.getMessage(),
                    e);
        }
        return out;
    }

    /**
     * The most a Snappy block of {@code length} bytes can inflate to. Its best element is a copy
     * with a 2-byte offset: 3 bytes that produce up to 64 (format_description.txt, "Copy with
     * 2-byte offset"); a literal produces no more than it holds, and the other copies less per
     * byte. A block that declares more is corrupt, whatever its body says.
     */
    static long maxInflatedLength(int length) {
        return (long) length * 64 / 3 + 64;
    }

    /**
     * The uncompressed length from a Snappy block's header: a little-endian base-128 varint of at
     * most five bytes (snappy format_description.txt).
     */
    public static long declaredLength(byte[] data, int offset, int length) {
        long value = 0;
        for (int i = 0; i < 5; i++) {
            if (i >= length) {
                throw new MessageException(
                        DisconnectReason.BREACH_OF_PROTOCOL, "truncated snappy length header");
            }
            int b = data[offset + i] & 0xff;
            value |= (long) (b & 0x7f) << (7 * i);
            if ((b & 0x80) == 0) {
                if (value > 0xffffffffL) {
                    break;
                }
                return value;
            }
        }
        throw new MessageException(
                DisconnectReason.BREACH_OF_PROTOCOL, "snappy length header exceeds 32 bits");
    }
}
