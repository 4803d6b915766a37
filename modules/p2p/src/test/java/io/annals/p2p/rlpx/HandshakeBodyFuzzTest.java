package io.annals.p2p.rlpx;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.annals.core.crypto.Secp256k1;
import io.annals.core.testing.FuzzContract;
import java.security.SecureRandom;

/**
 * The decrypted bodies of the RLPx handshake (<a
 * href="https://github.com/ethereum/devp2p/blob/master/rlpx.md#initial-handshake">rlpx.md</a>, <a
 * href="https://eips.ethereum.org/EIPS/eip-8">EIP-8</a>): every input is offered to the EIP-8 auth
 * and ack decoders and, at their fixed sizes, to the legacy ones; a decoded auth then goes through
 * what the recipient does next (public-key check, ephemeral-key recovery from the signature).
 * Failures are {@link HandshakeException}s only, and a decoded body re-encodes to a body that
 * decodes to the same message.
 */
class HandshakeBodyFuzzTest {
    /** The key agreement and signature recovery allocate about 1 MiB whatever the input. */
    private static final FuzzContract CONTRACT =
            FuzzContract.of(64, 4 << 20, HandshakeException.class);

    private static final byte[] STATIC_KEY =
            Secp256k1.generatePrivateKey(new SecureRandom(new byte[] {1}));
    private static final byte[] REMOTE_KEY =
            Secp256k1.publicKeyOf(Secp256k1.generatePrivateKey(new SecureRandom(new byte[] {2})));

    /** The static shared secret is the same for every input: agreed once, not per input. */
    private static final byte[] SHARED = Secp256k1.agree(STATIC_KEY, REMOTE_KEY);

    @FuzzTest
    void decodesHandshakeBodiesOrFailsWithHandshakeException(byte[] input) {
        AuthMessage auth = CONTRACT.decode(input.length, () -> AuthMessage.decodeEip8(input));
        if (auth != null) {
            if (!AuthMessage.decodeEip8(auth.encode()).equals(auth)) {
                throw new AssertionError("auth body does not survive encode and decode");
            }
            CONTRACT.run(input.length, () -> recipientChecks(auth));
        }
        AckMessage ack = CONTRACT.decode(input.length, () -> AckMessage.decodeEip8(input));
        if (ack != null && !AckMessage.decodeEip8(ack.encode()).equals(ack)) {
            throw new AssertionError("ack body does not survive encode and decode");
        }
        if (input.length == AuthMessage.LEGACY_PLAINTEXT_SIZE) {
            AuthMessage legacy = AuthMessage.decodeLegacy(input);
            CONTRACT.run(
                    input.length,
                    () -> {
                        byte[] ephemeral = recipientChecks(legacy);
                        AuthMessage.checkLegacyEphemeralHash(input, ephemeral);
                    });
        }
        if (input.length == AckMessage.LEGACY_PLAINTEXT_SIZE) {
            AckMessage legacy = AckMessage.decodeLegacy(input);
            CONTRACT.run(
                    input.length,
                    () ->
                            HandshakeCrypto.checkedPublicKey(
                                    legacy.ephemeralPublicKey(), "ephemeral key"));
        }
    }

    /** What {@link RecipientHandshake} does with a decoded auth; returns the ephemeral key. */
    private static byte[] recipientChecks(AuthMessage auth) {
        HandshakeCrypto.checkedPublicKey(auth.initiatorPublicKey(), "initiator key");
        // HandshakeCrypto.signedDigest: static-shared-secret ^ initiator-nonce
        byte[] digest = SHARED.clone();
        for (int i = 0; i < digest.length; i++) {
            digest[i] ^= auth.initiatorNonce()[i];
        }
        return HandshakeCrypto.recoverEphemeralKey(digest, auth.signature());
    }
}
