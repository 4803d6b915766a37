package io.annals.p2p.rlpx;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.annals.core.crypto.Secp256k1;
import io.annals.core.testing.FuzzContract;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * The handshake as a stream: whatever bytes arrive, in whatever pieces, {@link RecipientHandshake}
 * (auth) and {@link InitiatorHandshake} (ack) either wait for more, or fail with {@link
 * HandshakeException}; they never take more bytes than they were given, and never fail otherwise.
 * (The ack side runs its packet reader and decoding, which is all of {@link
 * InitiatorHandshake#receiveAck} but the key derivation.) Half of the inputs start with a real
 * EIP-8 or legacy packet for the recipient's key, so the fuzzer mutates real packets too (their
 * ECIES MAC then fails, as it must).
 */
class HandshakePacketFuzzTest {
    /** The key agreement and signature recovery allocate about 1 MiB whatever the input. */
    private static final FuzzContract CONTRACT =
            FuzzContract.of(64, 4 << 20, HandshakeException.class).stateful();

    private static final byte[] RECIPIENT_KEY =
            Secp256k1.generatePrivateKey(new SecureRandom(new byte[] {3}));
    private static final byte[] INITIATOR_KEY =
            Secp256k1.generatePrivateKey(new SecureRandom(new byte[] {4}));
    private static final byte[] EPHEMERAL_KEY =
            Secp256k1.generatePrivateKey(new SecureRandom(new byte[] {7}));
    private static final byte[] NONCE = new byte[32];
    private static final SecureRandom RANDOM = new SecureRandom(new byte[] {6});
    private static final byte[] AUTH =
            new InitiatorHandshake(
                            INITIATOR_KEY,
                            Secp256k1.publicKeyOf(RECIPIENT_KEY),
                            new SecureRandom(new byte[] {5}))
                    .authPacket();

    @FuzzTest
    void consumesHandshakeStreamsOrFailsWithHandshakeException(FuzzedDataProvider data) {
        boolean ack = data.consumeBoolean();
        int piece = data.consumeInt(1, 4096);
        byte[] stream = data.consumeRemainingAsBytes();
        if (stream.length > 0 && (stream[0] & 1) == 1 && !ack) {
            // a real auth with the fuzzer's bytes laid over its tail
            byte[] real = AUTH.clone();
            System.arraycopy(
                    stream,
                    1,
                    real,
                    real.length - Math.min(real.length, stream.length - 1),
                    Math.min(real.length, stream.length - 1));
            stream = real;
        }
        feed(ack, stream, piece);
    }

    /** Offers the stream as it arrives, growing by {@code piece} bytes, as the transport does. */
    private static void feed(boolean ack, byte[] stream, int piece) {
        // fixed ephemeral key and nonce: no key generation per input
        RecipientHandshake recipient =
                new RecipientHandshake(RECIPIENT_KEY, EPHEMERAL_KEY, NONCE, RANDOM);
        // The initiator's side is its packet reader and ack decoding; an InitiatorHandshake would
        // sign and encrypt its auth for every input (milliseconds) before reading a byte.
        AckSide initiator = new AckSide();
        for (int available = Math.min(piece, stream.length);
                ;
                available = Math.min(stream.length, available + piece)) {
            byte[] buffered = Arrays.copyOf(stream, available);
            Integer taken =
                    CONTRACT.decode(
                            available,
                            () ->
                                    ack
                                            ? initiator.receive(buffered)
                                            : recipient.receiveAuth(buffered, 0, buffered.length));
            if (taken == null) {
                return; // refused
            }
            int used = taken;
            if (used < 0 || used > available) {
                throw new AssertionError("took " + used + " of " + available + " bytes");
            }
            if (used > 0 || available == stream.length) {
                return;
            }
        }
    }

    /** What {@link InitiatorHandshake#receiveAck} does before it derives the secrets. */
    private static final class AckSide {
        private final HandshakePacketReader reader =
                new HandshakePacketReader(AckMessage.LEGACY_PLAINTEXT_SIZE + Ecies.OVERHEAD);

        int receive(byte[] buffered) {
            HandshakePacketReader.Packet packet =
                    reader.read(INITIATOR_KEY, buffered, 0, buffered.length);
            if (packet == null) {
                return 0;
            }
            AckMessage ack =
                    packet.legacy()
                            ? AckMessage.decodeLegacy(packet.plaintext())
                            : AckMessage.decodeEip8(packet.plaintext());
            HandshakeCrypto.checkedPublicKey(ack.ephemeralPublicKey(), "recipient ephemeral key");
            return packet.bytes().length;
        }
    }
}
