package io.annals.p2p.rlpx;

import io.annals.core.crypto.EcdsaSignature;
import io.annals.core.crypto.Secp256k1;
import java.security.SecureRandom;
import java.util.Optional;

/** Pieces both handshake sides share: signing the auth message, recovering its key, padding. */
final class HandshakeCrypto {
    /** EIP-8 asks for at least 100 bytes of padding, a random amount in [100, 300] recommended. */
    static final int MIN_PADDING = 100;

    static final int MAX_PADDING = 300;

    private HandshakeCrypto() {}

    /** The digest the auth signature covers: static-shared-secret ^ initiator-nonce. */
    static byte[] signedDigest(
            byte[] staticPrivateKey, byte[] remoteStaticPublicKey, byte[] initiatorNonce) {
        byte[] shared = Secp256k1.agree(staticPrivateKey, remoteStaticPublicKey);
        for (int i = 0; i < shared.length; i++) {
            shared[i] ^= initiatorNonce[i];
        }
        return shared;
    }

    static byte[] recoverEphemeralKey(byte[] digest, byte[] signature) {
        Optional<byte[]> key;
        try {
            key = Secp256k1.recoverPublicKey(digest, EcdsaSignature.fromBytes65(signature));
        } catch (IllegalArgumentException e) {
            throw new HandshakeException("auth signature is malformed: " + e.getMessage(), e);
        }
        return key.orElseThrow(
                () -> new HandshakeException("auth signature does not recover a key"));
    }

    static byte[] checkedPublicKey(byte[] key, String what) {
        if (!Secp256k1.isValidPublicKey(key)) {
            throw new HandshakeException(what + " is not a point on secp256k1");
        }
        return key;
    }

    /**
     * An EIP-8 packet: {@code size || ecies.encrypt(remote, body || padding, size)}, where size
     * counts the ECIES output.
     */
    static byte[] eip8Packet(byte[] remotePublicKey, byte[] body, SecureRandom random) {
        int padding = MIN_PADDING + random.nextInt(MAX_PADDING - MIN_PADDING + 1);
        byte[] plaintext = new byte[body.length + padding];
        System.arraycopy(body, 0, plaintext, 0, body.length);
        byte[] pad = new byte[padding];
        random.nextBytes(pad);
        System.arraycopy(pad, 0, plaintext, body.length, padding);
        int size = plaintext.length + Ecies.OVERHEAD;
        byte[] prefix = {(byte) (size >>> 8), (byte) size};
        byte[] encrypted = Ecies.encrypt(remotePublicKey, plaintext, prefix, random);
        byte[] packet = new byte[2 + encrypted.length];
        packet[0] = prefix[0];
        packet[1] = prefix[1];
        System.arraycopy(encrypted, 0, packet, 2, encrypted.length);
        return packet;
    }
}
