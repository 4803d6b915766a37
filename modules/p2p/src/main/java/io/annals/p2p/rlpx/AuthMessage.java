package io.annals.p2p.rlpx;

import io.annals.core.crypto.Keccak256;
import io.annals.core.crypto.Secp256k1;
import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The initiator's handshake message, {@code auth-body = [sig, initiator-pubk, initiator-nonce,
 * auth-vsn, ...]} (<a
 * href="https://github.com/ethereum/devp2p/blob/master/rlpx.md#initial-handshake">rlpx.md</a>, <a
 * href="https://eips.ethereum.org/EIPS/eip-8">EIP-8</a>). The signature signs {@code
 * static-shared-secret ^ initiator-nonce} with the initiator's ephemeral key, which lets the
 * recipient recover that key.
 *
 * @param signature 65 bytes r || s || recovery id
 * @param initiatorPublicKey the initiator's static public key (its node id), 64 bytes
 * @param initiatorNonce 32 random bytes
 * @param version auth-vsn; mismatches are ignored, as the spec requires
 */
public record AuthMessage(
        byte[] signature, byte[] initiatorPublicKey, byte[] initiatorNonce, int version) {
    /** The version this implementation sends. */
    public static final int VERSION = 4;

    /** Size of the pre-EIP-8 plaintext: sig || keccak(ephemeral-pubk) || pubk || nonce || 0x00. */
    static final int LEGACY_PLAINTEXT_SIZE = 65 + 32 + 64 + 32 + 1;

    public AuthMessage {
        checkSize(signature, 65, "signature");
        checkSize(initiatorPublicKey, Secp256k1.PUBLIC_KEY_SIZE, "initiator public key");
        checkSize(initiatorNonce, 32, "initiator nonce");
    }

    /** The EIP-8 body: an RLP list (padding is added by the caller). */
    public byte[] encode() {
        RlpWriter w = new RlpWriter(200);
        int list = w.startList();
        w.writeBytes(signature)
                .writeBytes(initiatorPublicKey)
                .writeBytes(initiatorNonce)
                .writeLong(version);
        return w.endList(list).toByteArray();
    }

    /**
     * Decodes an EIP-8 body, ignoring additional list elements and any data after the list.
     *
     * @throws HandshakeException on malformed RLP or wrong field sizes
     */
    public static AuthMessage decodeEip8(byte[] plaintext) {
        try {
            RlpReader body = RlpReader.of(plaintext).readList();
            byte[] sig = body.readFixed(65, "signature");
            byte[] publicKey = body.readFixed(Secp256k1.PUBLIC_KEY_SIZE, "initiator public key");
            byte[] nonce = body.readFixed(32, "initiator nonce");
            int version = readVersion(body);
            return new AuthMessage(sig, publicKey, nonce, version);
        } catch (RlpException e) {
            throw new HandshakeException("malformed auth body: " + e.getMessage(), e);
        }
    }

    /**
     * Decodes the pre-EIP-8 plaintext of 194 bytes. Its redundant hash of the ephemeral key is
     * checked by {@link #recoverEphemeralKey} callers through {@link #checkLegacyEphemeralHash}.
     */
    static AuthMessage decodeLegacy(byte[] plaintext) {
        if (plaintext.length != LEGACY_PLAINTEXT_SIZE) {
            throw new HandshakeException(
                    "legacy auth body must be "
                            + LEGACY_PLAINTEXT_SIZE
                            + " bytes, got "
                            + plaintext.length);
        }
        return new AuthMessage(
                Arrays.copyOfRange(plaintext, 0, 65),
                Arrays.copyOfRange(plaintext, 97, 161),
                Arrays.copyOfRange(plaintext, 161, 193),
                VERSION);
    }

    /** Checks the legacy body's keccak256(ephemeral-pubk) against the recovered key. */
    static void checkLegacyEphemeralHash(byte[] plaintext, byte[] ephemeralPublicKey) {
        byte[] expected = Arrays.copyOfRange(plaintext, 65, 97);
        if (!MessageDigest.isEqual(expected, Keccak256.hash(ephemeralPublicKey))) {
            throw new HandshakeException(
                    "legacy auth: hash of the ephemeral key does not match the signature");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuthMessage a
                && Arrays.equals(signature, a.signature)
                && Arrays.equals(initiatorPublicKey, a.initiatorPublicKey)
                && Arrays.equals(initiatorNonce, a.initiatorNonce)
                && version == a.version;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(initiatorNonce) + version;
    }

    @Override
    public String toString() {
        return "AuthMessage[version=" + version + "]";
    }

    /** Reads auth-vsn/ack-vsn when present; any value is accepted, huge ones are clamped. */
    static int readVersion(RlpReader body) {
        if (!body.hasNext()) {
            return 0;
        }
        long version = body.readLong();
        return version < 0 || version > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) version;
    }

    static void checkSize(byte[] value, int size, String what) {
        if (value.length != size) {
            throw new IllegalArgumentException(
                    what + " must be " + size + " bytes, got " + value.length);
        }
    }
}
