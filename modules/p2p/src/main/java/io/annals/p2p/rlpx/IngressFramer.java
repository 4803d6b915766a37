package io.annals.p2p.rlpx;

import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * Opens incoming RLPx frames in two steps, so that a transport can wait for the body once it knows
 * the size: {@link #openHeader} verifies the header MAC and returns the frame size, {@link
 * #openBody} verifies the frame MAC and returns the frame data. MACs are checked before decrypting,
 * and compared in constant time. A frame larger than the configured maximum is refused at its
 * header, before any of its body is buffered.
 *
 * <p>Pure code over arrays; one instance per connection, used from one thread. After any {@link
 * FrameException} the MAC and cipher states are out of step with the peer: the connection must end.
 */
public final class IngressFramer {
    public static final int HEADER_SIZE = 32;
    public static final int MAC_SIZE = FrameMac.SIZE;

    /** frame-size is a 24-bit integer. */
    public static final int FORMAT_MAX_FRAME_SIZE = 0xffffff;

    private final Cipher cipher;
    private final FrameMac mac;
    private final int maxFrameSize;

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
     * {@link #bodyLength(int)} bytes at {@code offset}, which are decrypted in place.
     *
     * @return the frame data (padding removed)
     * @throws FrameException on a bad frame MAC
     */
    public byte[] openBody(byte[] in, int offset, int frameSize) {
        int padded = FrameCiphers.padded(frameSize);
        byte[] expected = mac.updateBody(in, offset, padded);
        if (!MessageDigest.isEqual(
                expected, Arrays.copyOfRange(in, offset + padded, offset + padded + MAC_SIZE))) {
            throw new FrameException("frame MAC mismatch");
        }
        FrameCiphers.apply(cipher, in, offset, padded);
        return Arrays.copyOfRange(in, offset, offset + frameSize);
    }
}
