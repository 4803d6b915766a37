package io.annals.core.era;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.xerial.snappy.SnappyFramedInputStream;
import org.xerial.snappy.SnappyFramedOutputStream;

/**
 * The snappy framing format (<a
 * href="https://github.com/google/snappy/blob/main/framing_format.txt">framing_format.txt</a>) of
 * era entries: {@code snappyFramed(rlp(...))} in the specs. snappy-java does the framing and checks
 * each chunk's masked CRC-32C; this class bounds the output, so a small entry cannot inflate into
 * more than the caller allows.
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

    /**
     * Decompresses one framed stream.
     *
     * @throws EraFormatException (at {@code entryOffset}) when the stream is corrupt (a bad
     *     identifier, chunk or checksum) or inflates past {@code maxLength} bytes
     */
    public static byte[] decompress(byte[] framed, int maxLength, long entryOffset) {
        byte[] out = new byte[Math.min(maxLength, Math.max(256, framed.length * 2))];
        int size = 0;
        try (InputStream in = new SnappyFramedInputStream(new ByteArrayInputStream(framed), true)) {
            while (true) {
                if (size == out.length) {
                    if (size == maxLength) {
                        if (in.read() < 0) {
                            break;
                        }
                        throw EraFormatException.atEntry(
                                entryOffset,
                                "snappy data inflates past the limit of " + maxLength + " bytes");
                    }
                    out = Arrays.copyOf(out, (int) Math.min(maxLength, 2L * out.length));
                }
                int n = in.read(out, size, out.length - size);
                if (n < 0) {
                    break;
                }
                size += n;
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof EraFormatException format) {
                throw format;
            }
            throw EraFormatException.atEntry(entryOffset, "corrupt snappy frame: " + describe(e));
        }
        return size == out.length ? out : Arrays.copyOf(out, size);
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
