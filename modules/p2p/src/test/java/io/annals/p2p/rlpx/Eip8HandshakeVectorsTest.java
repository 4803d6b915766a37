package io.annals.p2p.rlpx;

import static io.annals.p2p.rlpx.Eip8Vectors.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.core.crypto.Secp256k1;
import io.annals.core.util.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The handshake vectors of EIP-8 (see {@link Eip8Vectors} for the source). */
class Eip8HandshakeVectorsTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    static Stream<Arguments> auths() {
        return Stream.of(
                Arguments.of("Auth1", AUTH_1, 4),
                Arguments.of("Auth2", AUTH_2, 4),
                Arguments.of("Auth3", AUTH_3, 56));
    }

    static Stream<Arguments> acks() {
        return Stream.of(
                Arguments.of("Ack1", ACK_1, 4),
                Arguments.of("Ack2", ACK_2, 4),
                Arguments.of("Ack3", ACK_3, 57));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("auths")
    void recipientDecodesAuth(String name, byte[] auth, int version) {
        RecipientHandshake b =
                new RecipientHandshake(STATIC_KEY_B, EPHEMERAL_KEY_B, NONCE_B, RANDOM);

        assertThat(b.receiveAuth(auth, 0, auth.length)).isEqualTo(auth.length);

        assertThat(b.auth().initiatorPublicKey()).isEqualTo(Secp256k1.publicKeyOf(STATIC_KEY_A));
        assertThat(b.auth().initiatorNonce()).isEqualTo(NONCE_A);
        assertThat(b.auth().version()).isEqualTo(version);
        assertThat(b.remoteEphemeralKey()).isEqualTo(Secp256k1.publicKeyOf(EPHEMERAL_KEY_A));
        assertThat(b.secrets().remoteNodeId()).isEqualTo(Secp256k1.publicKeyOf(STATIC_KEY_A));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acks")
    void initiatorDecodesAck(String name, byte[] ack, int version) {
        InitiatorHandshake a =
                new InitiatorHandshake(
                        STATIC_KEY_A,
                        Secp256k1.publicKeyOf(STATIC_KEY_B),
                        EPHEMERAL_KEY_A,
                        NONCE_A,
                        RANDOM);

        assertThat(a.receiveAck(ack, 0, ack.length)).isEqualTo(ack.length);

        assertThat(a.ack().ephemeralPublicKey()).isEqualTo(Secp256k1.publicKeyOf(EPHEMERAL_KEY_B));
        assertThat(a.ack().recipientNonce()).isEqualTo(NONCE_B);
        assertThat(a.ack().version()).isEqualTo(version);
    }

    @Test
    void recipientSecretsMatchThePublishedOnes() {
        RecipientHandshake b =
                new RecipientHandshake(STATIC_KEY_B, EPHEMERAL_KEY_B, NONCE_B, RANDOM);
        b.receiveAuth(AUTH_2, 0, AUTH_2.length);

        Secrets secrets = b.secretsFor(AUTH_2, ACK_2);

        assertThat(secrets.aesSecret()).isEqualTo(AES_SECRET);
        assertThat(secrets.macSecret()).isEqualTo(MAC_SECRET);
        byte[] foo =
                secrets.ingressMac()
                        .copy()
                        .update("foo".getBytes(StandardCharsets.US_ASCII))
                        .digest();
        assertThat(foo).isEqualTo(INGRESS_MAC_FOO);
    }

    @Test
    void initiatorSecretsMirrorTheRecipientOnes() {
        // A derives from the same packets: its egress MAC is B's ingress MAC
        Secrets a =
                Secrets.derive(
                        true,
                        EPHEMERAL_KEY_A,
                        Secp256k1.publicKeyOf(EPHEMERAL_KEY_B),
                        NONCE_A,
                        NONCE_B,
                        AUTH_2,
                        ACK_2,
                        Secp256k1.publicKeyOf(STATIC_KEY_B));

        assertThat(a.aesSecret()).isEqualTo(AES_SECRET);
        assertThat(a.macSecret()).isEqualTo(MAC_SECRET);
        assertThat(a.egressMac().copy().update("foo".getBytes(StandardCharsets.US_ASCII)).digest())
                .isEqualTo(INGRESS_MAC_FOO);
    }

    @ParameterizedTest(name = "{0} byte by byte")
    @MethodSource("auths")
    void authArrivingByteByByteIsAccumulated(String name, byte[] auth, int version) {
        RecipientHandshake b =
                new RecipientHandshake(STATIC_KEY_B, EPHEMERAL_KEY_B, NONCE_B, RANDOM);
        byte[] stream =
                Bytes.concat(auth, new byte[] {1, 2, 3}); // the first frame may follow at once

        // the size is known from the first two bytes (the legacy format has a fixed size)
        assertThat(b.bytesNeeded(auth[0] & 0xff, auth[1] & 0xff)).isEqualTo(auth.length);
        for (int have = 1; have < auth.length; have++) {
            assertThat(b.receiveAuth(stream, 0, have)).as("after %d bytes", have).isZero();
        }
        assertThat(b.receiveAuth(stream, 0, stream.length)).isEqualTo(auth.length);
        assertThat(b.auth().version()).isEqualTo(version);
    }

    @Test
    void authForAnotherNodeIsRejected() {
        byte[] otherKey = Secp256k1.generatePrivateKey(RANDOM);
        RecipientHandshake other = new RecipientHandshake(otherKey, RANDOM);

        assertThatThrownBy(() -> other.receiveAuth(AUTH_2, 0, AUTH_2.length))
                .isInstanceOf(HandshakeException.class)
                .hasMessageContaining("tag");
    }

    @Test
    void tamperedAuthIsRejected() {
        byte[] tampered = AUTH_2.clone();
        tampered[100] ^= 1;
        RecipientHandshake b =
                new RecipientHandshake(STATIC_KEY_B, EPHEMERAL_KEY_B, NONCE_B, RANDOM);

        assertThatThrownBy(() -> b.receiveAuth(tampered, 0, tampered.length))
                .isInstanceOf(HandshakeException.class);
    }
}
