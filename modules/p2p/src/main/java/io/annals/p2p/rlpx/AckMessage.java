package io.annals.p2p.rlpx;

import io.annals.core.crypto.Secp256k1;
import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import java.util.Arrays;

/**
 * The recipient's handshake answer, {@code ack-body = [recipient-ephemeral-pubk, recipient-nonce,
 * ack-vsn, ...]} (<a
 * href="https://github.com/ethereum/devp2p/blob/master/rlpx.md#initial-handshake">rlpx.md</a>, <a
 * href="https://eips.ethereum.org/EIPS/eip-8">EIP-8</a>).
 */
public record AckMessage(byte[] ephemeralPublicKey, byte[] recipientNonce, int version) {
    public static final int VERSION = 4;

    /** Size of the pre-EIP-8 plaintext: ephemeral-pubk || nonce || 0x00. */
    static final int LEGACY_PLAINTEXT_SIZE = 64 + 32 + 1;

    public AckMessage {
        AuthMessage.checkSize(
                ephemeralPublicKey, Secp256k1.PUBLIC_KEY_SIZE, "ephemeral public key");
        AuthMessage.checkSize(recipientNonce, 32, "recipient nonce");
    }

    public byte[] encode() {
        RlpWriter w = new RlpWriter(120);
        int list = w.startList();
        w.writeBytes(ephemeralPublicKey).writeBytes(recipientNonce).writeLong(version);
        return w.endList(list).toByteArray();
    }

    /** Decodes an EIP-8 body, ignoring additional list elements and trailing data. */
    public static AckMessage decodeEip8(byte[] plaintext) {
        try {
            RlpReader body = RlpReader.of(plaintext).readList();
            byte[] key = body.readFixed(Secp256k1.PUBLIC_KEY_SIZE, "ephemeral public key");
            byte[] nonce = body.readFixed(32, "recipient nonce");
            int version = AuthMessage.readVersion(body);
            return new AckMessage(key, nonce, version);
        } catch (RlpException e) {
            throw new HandshakeException("malformed ack body: " + e.getMessage(), e);
        }
    }

    static AckMessage decodeLegacy(byte[] plaintext) {
        if (plaintext.length != LEGACY_PLAINTEXT_SIZE) {
            throw new HandshakeException(
                    "legacy ack body must be "
                            + LEGACY_PLAINTEXT_SIZE
                            + " bytes, got "
                            + plaintext.length);
        }
        return new AckMessage(
                Arrays.copyOfRange(plaintext, 0, 64),
                Arrays.copyOfRange(plaintext, 64, 96),
                VERSION);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AckMessage a
                && Arrays.equals(ephemeralPublicKey, a.ephemeralPublicKey)
                && Arrays.equals(recipientNonce, a.recipientNonce)
                && version == a.version;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(recipientNonce) + version;
    }

    @Override
    public String toString() {
        return "AckMessage[version=" + version + "]";
    }
}
