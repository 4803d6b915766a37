package io.annals.p2p.rlpx;

import io.annals.core.crypto.Keccak256;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * One direction's running frame MAC (<a
 * href="https://github.com/ethereum/devp2p/blob/master/rlpx.md#mac">rlpx.md, MAC</a>): a Keccak-256
 * state that absorbs the ciphertext, mixed with AES-256-ECB(mac-secret) of its own digest prefix.
 *
 * <pre>
 * header-mac-seed = aes(mac-secret, keccak256.digest(mac)[:16]) ^ header-ciphertext
 * mac = keccak256.update(mac, header-mac-seed);  header-mac = keccak256.digest(mac)[:16]
 * mac = keccak256.update(mac, frame-ciphertext)
 * frame-mac-seed = aes(mac-secret, keccak256.digest(mac)[:16]) ^ keccak256.digest(mac)[:16]
 * mac = keccak256.update(mac, frame-mac-seed);   frame-mac = keccak256.digest(mac)[:16]
 * </pre>
 */
final class FrameMac {
    static final int SIZE = 16;

    private final Keccak256 state;
    private final Cipher aes;
    private final byte[] block = new byte[SIZE];

    FrameMac(Keccak256 state, byte[] macSecret) {
        this.state = state;
        try {
            aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(macSecret, "AES"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES-ECB", e);
        }
    }

    /** Absorbs a 16-byte header ciphertext and returns the header MAC. */
    byte[] updateHeader(byte[] headerCiphertext, int offset) {
        encryptDigestPrefix();
        for (int i = 0; i < SIZE; i++) {
            block[i] ^= headerCiphertext[offset + i];
        }
        state.update(block, 0, SIZE);
        return digestPrefix();
    }

    /** Absorbs a frame ciphertext (header excluded) and returns the frame MAC. */
    byte[] updateBody(byte[] frameCiphertext, int offset, int length) {
        absorbBody(frameCiphertext, offset, length);
        return bodyMac();
    }

    /** Absorbs a piece of a frame ciphertext; {@link #bodyMac()} once the whole body is in. */
    void absorbBody(byte[] frameCiphertext, int offset, int length) {
        state.update(frameCiphertext, offset, length);
    }

    /** The frame MAC of the body absorbed since the header. */
    byte[] bodyMac() {
        byte[] digest = digestPrefix();
        encryptInto(digest);
        for (int i = 0; i < SIZE; i++) {
            block[i] ^= digest[i];
        }
        state.update(block, 0, SIZE);
        return digestPrefix();
    }

    /** The running digest's first 16 bytes, as RLPx uses it. */
    byte[] digestPrefix() {
        byte[] full = state.peekDigest();
        byte[] prefix = new byte[SIZE];
        System.arraycopy(full, 0, prefix, 0, SIZE);
        return prefix;
    }

    private void encryptDigestPrefix() {
        encryptInto(digestPrefix());
    }

    private void encryptInto(byte[] input) {
        try {
            aes.update(input, 0, SIZE, block, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}
