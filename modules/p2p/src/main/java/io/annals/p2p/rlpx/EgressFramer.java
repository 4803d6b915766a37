package io.annals.p2p.rlpx;

import java.util.Arrays;
import javax.crypto.Cipher;

/**
 * Seals outgoing RLPx frames (<a
 * href="https://github.com/ethereum/devp2p/blob/master/rlpx.md#framing">rlpx.md, Framing</a>):
 *
 * <pre>
 * frame  = header-ciphertext || header-mac || frame-ciphertext || frame-mac
 * header = frame-size (3 bytes) || rlp([capability-id = 0, context-id = 0]) || zero padding to 16
 * </pre>
 *
 * The frame data is zero-padded to 16 bytes. Pure code over arrays; one instance per connection,
 * used from one thread.
 */
public final class EgressFramer {
    /** rlp([0, 0]): the header-data every current implementation sends. */
    private static final byte[] HEADER_DATA = {(byte) 0xc2, (byte) 0x80, (byte) 0x80};

    private final Cipher cipher;
    private final FrameMac mac;
    private final int maxFrameSize;

    public EgressFramer(Secrets secrets, int maxFrameSize) {
        this.cipher = FrameCiphers.ctr(secrets.aesSecret(), Cipher.ENCRYPT_MODE);
        this.mac = new FrameMac(secrets.egressMac(), secrets.macSecret());
        this.maxFrameSize = Math.min(maxFrameSize, IngressFramer.FORMAT_MAX_FRAME_SIZE);
    }

    /** Bytes on the wire for a frame carrying {@code dataLength} bytes. */
    public static int frameLength(int dataLength) {
        return IngressFramer.HEADER_SIZE + FrameCiphers.padded(dataLength) + FrameMac.SIZE;
    }

    public byte[] seal(byte[] data) {
        byte[] out = new byte[frameLength(data.length)];
        seal(data, 0, data.length, out, 0);
        return out;
    }

    /**
     * Writes the sealed frame of {@code data[offset, offset+length)} into {@code out} at {@code
     * outOffset}, which must have {@link #frameLength(int)} bytes of room.
     */
    public void seal(byte[] data, int offset, int length, byte[] out, int outOffset) {
        if (length > maxFrameSize) {
            throw new IllegalArgumentException(
                    "frame of " + length + " bytes exceeds the maximum of " + maxFrameSize);
        }
        int h = outOffset;
        Arrays.fill(out, h, h + 16, (byte) 0);
        out[h] = (byte) (length >>> 16);
        out[h + 1] = (byte) (length >>> 8);
        out[h + 2] = (byte) length;
        System.arraycopy(HEADER_DATA, 0, out, h + 3, HEADER_DATA.length);
        FrameCiphers.apply(cipher, out, h, 16);
        System.arraycopy(mac.updateHeader(out, h), 0, out, h + 16, FrameMac.SIZE);

        int body = h + IngressFramer.HEADER_SIZE;
        int padded = FrameCiphers.padded(length);
        System.arraycopy(data, offset, out, body, length);
        Arrays.fill(out, body + length, body + padded, (byte) 0);
        FrameCiphers.apply(cipher, out, body, padded);
        System.arraycopy(mac.updateBody(out, body, padded), 0, out, body + padded, FrameMac.SIZE);
    }
}
