package io.annals.core.era;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.xerial.snappy.Snappy;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * The snappy framing format (<a
 * href="https://github.com/google/snappy/blob/main/framing_format.txt">framing_format.txt</a>) of
 * era entries: {@code snappyFramed(rlp(...))} in the specs. snappy-java writes the frames; reading
 * them is done here, chunk by chunk into one bounded output (snappy-java's framed stream allocates
 * two 64 KiB buffers per stream, which for a file of small entries is most of what it costs), with
 * each chunk's masked CRC-32C checked, so a small entry cannot inflate into more than the caller
 * allows.
 */
public final class SnappyFrames {
    private SnappyFrames() {}

    /** Frames and compresses {@code data}. */
    public static byte[] compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        try (SnappyFramedOutputStream framed = new SnappyFramedOutputStream(out)) {
            framed.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException("snappy compression failed", e);
        }
        return out.toByteArray();
    }

    private static final int STREAM_IDENTIFIER = 0xff;
    private static final int COMPRESSED = 0x00;
    private static final int UNCOMPRESSED = 0x01;
    private static final int PADDING = 0xfe;
    private static final byte[] MAGIC = {'s', 'N', 'a', 'P', 'p', 'Y'};

    /** framing_format.txt: a chunk's uncompressed data is at most 65,536 bytes. */
    private static final int MAX_CHUNK = 65_536;

    /**
     * Decompresses one framed stream, chunk by chunk straight into the output (framing_format.txt,
     * sections 3 and 4): no stream buffers, so an entry costs what it inflates to and no more.
     *
     * @throws EraFormatException (at {@code entryOffset}) when the stream is corrupt (a missing or
     *     bad identifier, a bad chunk or checksum, a reserved chunk type) or inflates past {@code
     *     maxLength} bytes
     */
    public static byte[] decompress(byte[] framed, int maxLength, long entryOffset) {
        byte[] out = new byte[Math.min(maxLength, Math.max(256, framed.length * 2))];
        int size = 0;
        int at = 0;
        boolean identified = false;
        while (at < framed.length) {
            if (framed.length - at < 4) {
                throw corrupt(entryOffset, "a chunk header is cut short at byte " + at);
            }
            int type = framed[at] & 0xff;
            int length =
                    (framed[at + 1] & 0xff)
                            | (framed[at + 2] & 0xff) << 8
                            | (framed[at + 3] & 0xff) << 16;
            int data = at + 4;
            if (length > framed.length - data) {
                throw corrupt(
                        entryOffset, "a chunk of " + length + " bytes runs past the entry's end");
            }
            if (type == STREAM_IDENTIFIER) {
                if (length != MAGIC.length
                        || !Arrays.equals(framed, data, data + length, MAGIC, 0, MAGIC.length)) {
                    throw corrupt(entryOffset, "a bad stream identifier");
                }
                identified = true;
            } else if (!identified) {
                throw corrupt(entryOffset, "the stream does not start with its identifier");
            } else if (type == COMPRESSED || type == UNCOMPRESSED) {
                if (length < 4) {
                    throw corrupt(entryOffset, "a data chunk without its checksum");
                }
                int payload = data + 4;
                int payloadLength = length - 4;
                int inflated =
                        type == UNCOMPRESSED
                                ? payloadLength
                                : uncompressedLength(framed, payload, payloadLength, entryOffset);
                if (inflated > MAX_CHUNK) {
                    throw corrupt(entryOffset, "a chunk inflates past 65,536 bytes");
                }
                if (inflated > maxLength - size) {
                    throw EraFormatException.atEntry(
                            entryOffset,
                            "snappy data inflates past the limit of " + maxLength + " bytes");
                }
                if (size + inflated > out.length) {
                    out =
                            Arrays.copyOf(
                                    out,
                                    (int)
                                            Math.min(
                                                    maxLength,
                                                    Math.max(2L * out.length, size + inflated)));
                }
                if (type == UNCOMPRESSED) {
                    System.arraycopy(framed, payload, out, size, payloadLength);
                } else {
                    uncompress(framed, payload, payloadLength, out, size, entryOffset);
                }
                if (maskedCrc32c(out, size, inflated) != intLe(framed, data)) {
                    throw corrupt(entryOffset, "a chunk's checksum does not match its data");
                }
                size += inflated;
            } else if (type < 0x80) {
                throw corrupt(entryOffset, "a reserved unskippable chunk type " + type);
            } // padding (0xfe) and skippable chunks (0x80-0xfd) carry nothing
            at = data + length;
        }
        if (!identified) {
            throw corrupt(entryOffset, "an empty stream");
        }
        return size == out.length ? out : Arrays.copyOf(out, size);
    }

    private static int uncompressedLength(byte[] in, int offset, int length, long entryOffset) {
        try {
            return Snappy.uncompressedLength(in, offset, length);
        } catch (IOException | RuntimeException e) {
            throw corrupt(entryOffset, describe(e));
        }
    }

    private static void uncompress(
            byte[] in, int offset, int length, byte[] out, int outOffset, long entryOffset) {
        try {
            Snappy.uncompress(in, offset, length, out, outOffset);
        } catch (IOException | RuntimeException e) {
            throw corrupt(entryOffset, describe(e));
        }
    }

    /** framing_format.txt 3: the CRC-32C of the data, rotated right by 15 bits plus a constant. */
    private static int maskedCrc32c(byte[] data, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(data, offset, length);
        int value = (int) crc.getValue();
        return ((value >>> 15) | (value << 17)) + 0xa282ead8;
    }

    private static int intLe(byte[] b, int at) {
        return (b[at] & 0xff)
                | (b[at + 1] & 0xff) << 8
                | (b[at + 2] & 0xff) << 16
                | (b[at + 3] & 0xff) << 24;
    }

    private static EraFormatException corrupt(long entryOffset, String why) {
        return EraFormatException.atEntry(entryOffset, "corrupt snappy frame: " + why);
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
