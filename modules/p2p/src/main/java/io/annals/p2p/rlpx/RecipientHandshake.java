package io.annals.p2p.rlpx;

import io.annals.core.crypto.Secp256k1;
import io.annals.core.util.Bytes;
import java.security.SecureRandom;

/**
 * The accepting side of the RLPx handshake, over bytes and keys only: it consumes the auth packet
 * (EIP-8 or legacy) from the stream, recovers the initiator's ephemeral key from the signature,
 * builds the ack in the same format and derives the {@link Secrets}. One instance per connection;
 * not thread-safe.
 */
public final class RecipientHandshake {
    private final byte[] staticKey;
    private final byte[] ephemeralKey;
    private final byte[] nonce;
    private final SecureRandom random;
    private final HandshakePacketReader authReader =
            new HandshakePacketReader(AuthMessage.LEGACY_PLAINTEXT_SIZE + Ecies.OVERHEAD);
    private AuthMessage auth;
    private byte[] remoteEphemeralKey;
    private byte[] ackPacket;
    private Secrets secrets;

    public RecipientHandshake(byte[] staticKey, SecureRandom random) {
        this(
                staticKey,
                Secp256k1.generatePrivateKey(random),
                InitiatorHandshake.randomNonce(random),
                random);
    }

    RecipientHandshake(byte[] staticKey, byte[] ephemeralKey, byte[] nonce, SecureRandom random) {
        this.staticKey = staticKey.clone();
        this.ephemeralKey = ephemeralKey.clone();
        this.nonce = nonce.clone();
        this.random = random;
    }

    /**
     * Offers received bytes. Returns how many bytes the auth packet took, or 0 when it is still
     * incomplete. Once it returns a positive count, {@link #ackPacket()} is the answer to send.
     *
     * @throws HandshakeException when the bytes are not a valid auth for us
     */
    public int receiveAuth(byte[] data, int offset, int length) {
        if (secrets != null) {
            throw new IllegalStateException("auth already received");
        }
        HandshakePacketReader.Packet packet = authReader.read(staticKey, data, offset, length);
        if (packet == null) {
            return 0;
        }
        auth =
                packet.legacy()
                        ? AuthMessage.decodeLegacy(packet.plaintext())
                        : AuthMessage.decodeEip8(packet.plaintext());
        byte[] initiatorKey =
                HandshakeCrypto.checkedPublicKey(auth.initiatorPublicKey(), "initiator public key");
        byte[] digest =
                HandshakeCrypto.signedDigest(staticKey, initiatorKey, auth.initiatorNonce());
        remoteEphemeralKey = HandshakeCrypto.recoverEphemeralKey(digest, auth.signature());
        if (packet.legacy()) {
            AuthMessage.checkLegacyEphemeralHash(packet.plaintext(), remoteEphemeralKey);
        }
        AckMessage ack =
                new AckMessage(Secp256k1.publicKeyOf(ephemeralKey), nonce, AckMessage.VERSION);
        // answer in the format we were spoken to, as EIP-8 asks
        ackPacket =
                packet.legacy()
                        ? Ecies.encrypt(
                                initiatorKey,
                                Bytes.concat(ack.ephemeralPublicKey(), nonce, new byte[1]),
                                new byte[0],
                                random)
                        : HandshakeCrypto.eip8Packet(initiatorKey, ack.encode(), random);
        secrets =
                Secrets.derive(
                        false,
                        ephemeralKey,
                        remoteEphemeralKey,
                        auth.initiatorNonce(),
                        nonce,
                        packet.bytes(),
                        ackPacket,
                        initiatorKey);
        return packet.bytes().length;
    }

    /**
     * How many buffered bytes the next receive call needs at least, given the first two bytes of
     * the stream (EIP-8 size prefix, or the legacy format's fixed size).
     */
    public int bytesNeeded(int firstByte, int secondByte) {
        return Math.max(2, authReader.bytesNeeded(firstByte, secondByte));
    }

    public boolean isComplete() {
        return secrets != null;
    }

    public AuthMessage auth() {
        requireComplete();
        return auth;
    }

    /** The initiator's ephemeral public key, recovered from the auth signature. */
    public byte[] remoteEphemeralKey() {
        requireComplete();
        return remoteEphemeralKey.clone();
    }

    public byte[] ackPacket() {
        requireComplete();
        return ackPacket.clone();
    }

    public Secrets secrets() {
        requireComplete();
        return secrets;
    }

    /** Derives the secrets against a given ack packet; used to check the EIP-8 test vectors. */
    Secrets secretsFor(byte[] authPacket, byte[] givenAckPacket) {
        requireComplete();
        return Secrets.derive(
                false,
                ephemeralKey,
                remoteEphemeralKey,
                auth.initiatorNonce(),
                nonce,
                authPacket,
                givenAckPacket,
                auth.initiatorPublicKey());
    }

    private void requireComplete() {
        if (secrets == null) {
            throw new IllegalStateException("handshake not complete");
        }
    }
}
