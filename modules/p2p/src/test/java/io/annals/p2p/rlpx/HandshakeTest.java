package io.annals.p2p.rlpx;

import static io.annals.p2p.rlpx.Eip8Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.crypto.Secp256k1;
import java.security.SecureRandom;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HandshakeTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    @Test
    void bothSidesDeriveMatchingSecrets() {
        HandshakeRoundTrip run = HandshakeRoundTrip.run(RANDOM);

        assertThat(run.initiator().aesSecret()).isEqualTo(run.recipient().aesSecret());
        assertThat(run.initiator().macSecret()).isEqualTo(run.recipient().macSecret());
        assertThat(run.initiator().egressMac().peekDigest())
                .isEqualTo(run.recipient().ingressMac().peekDigest());
        assertThat(run.initiator().ingressMac().peekDigest())
                .isEqualTo(run.recipient().egressMac().peekDigest());
    }

    @Test
    void eachSideLearnsTheOthersNodeId() {
        byte[] keyA = Secp256k1.generatePrivateKey(RANDOM);
        byte[] keyB = Secp256k1.generatePrivateKey(RANDOM);
        InitiatorHandshake a = new InitiatorHandshake(keyA, Secp256k1.publicKeyOf(keyB), RANDOM);
        RecipientHandshake b = new RecipientHandshake(keyB, RANDOM);
        byte[] auth = a.authPacket();
        b.receiveAuth(auth, 0, auth.length);
        byte[] ack = b.ackPacket();
        a.receiveAck(ack, 0, ack.length);

        assertThat(b.secrets().remoteNodeId()).isEqualTo(Secp256k1.publicKeyOf(keyA));
        assertThat(a.secrets().remoteNodeId()).isEqualTo(Secp256k1.publicKeyOf(keyB));
    }

    @Test
    void authIsEip8WithPaddingInTheRecommendedRange() {
        for (int i = 0; i < 20; i++) {
            byte[] auth =
                    new InitiatorHandshake(
                                    STATIC_KEY_A, Secp256k1.publicKeyOf(STATIC_KEY_B), RANDOM)
                            .authPacket();
            int size = ((auth[0] & 0xff) << 8) | (auth[1] & 0xff);
            assertThat(size).isEqualTo(auth.length - 2);
            // body [sig(65), pubkey(64), nonce(32), vsn] is 169 bytes of RLP, then 100..300 bytes
            // of padding
            assertThat(auth.length - 2 - Ecies.OVERHEAD - 169).isBetween(100, 300);
        }
    }

    @Test
    void legacyAuthIsAnsweredWithALegacyAck() {
        RecipientHandshake b =
                new RecipientHandshake(STATIC_KEY_B, EPHEMERAL_KEY_B, NONCE_B, RANDOM);
        b.receiveAuth(AUTH_1, 0, AUTH_1.length);
        byte[] ack = b.ackPacket();
        InitiatorHandshake a =
                new InitiatorHandshake(
                        STATIC_KEY_A,
                        Secp256k1.publicKeyOf(STATIC_KEY_B),
                        EPHEMERAL_KEY_A,
                        NONCE_A,
                        RANDOM);

        assertThat(ack).hasSize(AckMessage.LEGACY_PLAINTEXT_SIZE + Ecies.OVERHEAD);
        assertThat(a.receiveAck(ack, 0, ack.length)).isEqualTo(ack.length);
        assertThat(a.ack().ephemeralPublicKey()).isEqualTo(Secp256k1.publicKeyOf(EPHEMERAL_KEY_B));
        assertThat(a.ack().recipientNonce()).isEqualTo(NONCE_B);
    }

    @Test
    void garbageIsRejected() {
        byte[] garbage = new byte[600];
        new Random(7).nextBytes(garbage);
        garbage[0] = 0x02; // an EIP-8 size of 0x02xx
        garbage[1] = 0x00;
        RecipientHandshake b = new RecipientHandshake(STATIC_KEY_B, RANDOM);

        assertThatThrownBy(() -> b.receiveAuth(garbage, 0, garbage.length))
                .isInstanceOf(HandshakeException.class);
    }

    @Test
    void sizeBelowTheEciesOverheadIsRejectedAtOnce() {
        RecipientHandshake b = new RecipientHandshake(STATIC_KEY_B, RANDOM);

        assertThatThrownBy(() -> b.receiveAuth(new byte[] {0, 10}, 0, 2))
                .isInstanceOf(HandshakeException.class)
                .hasMessageContaining("below the ECIES overhead");
    }

    @Test
    void eciesRoundTripsWithSharedMacData() {
        byte[] key = Secp256k1.generatePrivateKey(RANDOM);
        byte[] message = "the quick brown fox".getBytes();
        byte[] prefix = {1, 2};

        byte[] sealed = Ecies.encrypt(Secp256k1.publicKeyOf(key), message, prefix, RANDOM);

        assertThat(sealed).hasSize(message.length + Ecies.OVERHEAD);
        assertThat(Ecies.decrypt(key, sealed, 0, sealed.length, prefix)).isEqualTo(message);
        assertThatThrownBy(() -> Ecies.decrypt(key, sealed, 0, sealed.length, new byte[] {1, 3}))
                .isInstanceOf(HandshakeException.class);
    }
}
