package io.annals.p2p.rlpx;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * Opens incoming RLPx frames in two steps, so that a transport can wait for the body once it knows
 * the size: {@link #openHeader} verifies the header MAC and returns the frame size, {@link
 * #openBody} verifies the frame MAC and gives the frame data. MACs are checked before any data is
 * given (a body in an array before it is decrypted), and compared in constant time. A frame larger
 * than the configured maximum is refused at its header, before any of its body is buffered.
 *
 * <p>Pure code over arrays and buffers; one instance per connection, used from one thread. After
 * any {@link FrameException} the MAC and cipher states are out of step with the peer: the
 * connection must end.
 */
public final class IngressFramer {
    public static final int HEADER_SIZE = 32;
    public static final int MAC_SIZE = FrameMac.SIZE;

    /** frame-size is a 24-bit integer. */
    public static final int FORMAT_MAX_FRAME_SIZE = 0xffffff;

    private final Cipher cipher;
    private final FrameMac mac;
    private final int maxFrameSize;

    /** The steps in which a body off the heap is read (a multiple of the cipher's 16 bytes). */
    private final byte[] staging = new byte[8192];

    public IngressFramer(Secrets secrets, int maxFrameSize) {
        this.cipher = FrameCiphers.ctr(secrets.aesSecret(), Cipher.DECRYPT_MODE);
        this.mac = new FrameMac(secrets.ingressMac(), secrets.macSecret());
        this.maxFrameSize = Math.min(maxFrameSize, FORMAT_MAX_FRAME_SIZE);
    }

    /** Bytes that follow a header of the given frame size: padded ciphertext and MAC. */
    public static int bodyLength(int frameSize) {
        return FrameCiphers.padded(frameSize) + MAC_SIZE;
    }

    /**
     * Verifies and decrypts the 32-byte header at {@code offset} and returns the frame size.
     *
     * @throws FrameException on a bad header MAC or a frame size above the maximum
     */
    public int openHeader(byte[] in, int offset) {
        byte[] header = Arrays.copyOfRange(in, offset, offset + 16);
        byte[] expected = mac.updateHeader(header, 0);
        if (!MessageDigest.isEqual(
                expected, Arrays.copyOfRange(in, offset + 16, offset + HEADER_SIZE))) {
            throw new FrameException("header MAC mismatch");
        }
        FrameCiphers.apply(cipher, header, 0, 16);
        int size = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
        if (size > maxFrameSize) {
            throw new FrameException(
                    "frame of " + size + " bytes exceeds the maximum of " + maxFrameSize);
        }
        return size;
    }

    /**
     * Verifies and decrypts the body that follows a header of {@code frameSize}; {@code in} holds
     * {@link #bodyLength(int)} bytes at {@code offset}.
     *
     * @return the frame data (padding removed)
     * @throws FrameException on a bad frame MAC
     */
    public byte[] openBody(byte[] in, int offset, int frameSize) {
        byte[] out = new byte[FrameCiphers.padded(frameSize)];
        openBody(in, offset, frameSize, out, 0);
        return out.length == frameSize ? out : Arrays.copyOf(out, frameSize);
    }

    /**
     * Verifies the body that follows a header of {@code frameSize} ({@link #bodyLength(int)} bytes
     * of {@code in} at {@code offset}) and decrypts it into {@code out} at {@code outOffset}, which
     * needs room for the padded data: the frame data is its first {@code frameSize} bytes. The two
     * ranges should not overlap (they may lie in one pooled array): the JDK's cipher copies
     * overlapping input before it decrypts, which is the copy this form exists to avoid.
     *
     * @throws FrameException on a bad frame MAC
     */
    public void openBody(byte[] in, int offset, int frameSize, byte[] out, int outOffset) {
        int padded = FrameCiphers.padded(frameSize);
        byte[] expected = mac.updateBody(in, offset, padded);
        if (!MessageDigest.isEqual(
                expected, Arrays.copyOfRange(in, offset + padded, offset + padded + MAC_SIZE))) {
            throw new FrameException("frame MAC mismatch");
        }
        FrameCiphers.apply(cipher, in, offset, out, outOffset, padded);
    }

    /**
     * The same for a body in a buffer (off the heap, as received): its next {@link
     * #bodyLength(int)} bytes are read, and its position moves past them. The ciphertext passes
     * once, in steps through a small array of this framer: each step is absorbed into the MAC and
     * decrypted into {@code out}, so {@code out} holds data before the MAC is checked; on a
     * mismatch that data is garbage to be dropped with the connection.
     *
     * @throws FrameException on a bad frame MAC
     */
    public void openBody(ByteBuffer in, int frameSize, byte[] out, int outOffset) {
        int padded = FrameCiphers.padded(frameSize);
        for (int done = 0; done < padded; ) {
            int step = Math.min(staging.length, padded - done);
            in.get(staging, 0, step);
            mac.absorbBody(staging, 0, step);
            FrameCiphers.apply(cipher, staging, 0, out, outOffset + done, step);
            done += step;
        }
        byte[] received = new byte[MAC_SIZE];
        in.get(received);
        if (!MessageDigest.isEqual(mac.bodyMac(), received)) {
            throw new FrameException("frame MAC mismatch");
        }
    }

    /** Room {@link #openBody(byte[], int, int, byte[], int)} needs for a frame's data. */
    public static int paddedSize(int frameSize) {
        return FrameCiphers.padded(frameSize);
    }
}
