package io.annals.p2p.rlpx;

import io.annals.core.crypto.Secp256k1;
import java.security.SecureRandom;

/**
 * The dialing side of the RLPx handshake, over bytes and keys only: it builds the EIP-8 auth
 * packet, then consumes the ack packet (EIP-8 or legacy) from the stream and derives the {@link
 * Secrets}. One instance per connection; not thread-safe.
 */
public final class InitiatorHandshake {
    /** The largest handshake packet either side may send: a 16-bit size plus its prefix. */
    public static final int MAX_PACKET_SIZE = 0xffff + 2;

    private final byte[] staticKey;
    private final byte[] remoteNodeId;
    private final byte[] ephemeralKey;
    private final byte[] nonce;
    private final byte[] authPacket;
    private final HandshakePacketReader ackReader =
            new HandshakePacketReader(AckMessage.LEGACY_PLAINTEXT_SIZE + Ecies.OVERHEAD);
    private AckMessage ack;
    private Secrets secrets;

    public InitiatorHandshake(byte[] staticKey, byte[] remoteNodeId, SecureRandom random) {
        this(
                staticKey,
                remoteNodeId,
                Secp256k1.generatePrivateKey(random),
                randomNonce(random),
                random);
    }

    InitiatorHandshake(
            byte[] staticKey,
            byte[] remoteNodeId,
            byte[] ephemeralKey,
            byte[] nonce,
            SecureRandom random) {
        this.staticKey = staticKey.clone();
        this.remoteNodeId =
                HandshakeCrypto.checkedPublicKey(remoteNodeId.clone(), "remote node id");
        this.ephemeralKey = ephemeralKey.clone();
        this.nonce = nonce.clone();
        byte[] digest = HandshakeCrypto.signedDigest(staticKey, remoteNodeId, nonce);
        byte[] signature = Secp256k1.sign(digest, ephemeralKey).toBytes65();
        AuthMessage auth =
                new AuthMessage(
                        signature, Secp256k1.publicKeyOf(staticKey), nonce, AuthMessage.VERSION);
        this.authPacket = HandshakeCrypto.eip8Packet(remoteNodeId, auth.encode(), random);
    }

    /** The bytes to send first. */
    public byte[] authPacket() {
        return authPacket.clone();
    }

    /**
     * Offers received bytes. Returns how many bytes the ack packet took (the rest belongs to the
     * first frames), or 0 when the packet is still incomplete and more bytes are needed.
     *
     * @throws HandshakeException when the bytes are not a valid ack for us
     */
    public int receiveAck(byte[] data, int offset, int length) {
        if (secrets != null) {
            throw new IllegalStateException("ack already received");
        }
        HandshakePacketReader.Packet packet = ackReader.read(staticKey, data, offset, length);
        if (packet == null) {
            return 0;
        }
        ack =
                packet.legacy()
                        ? AckMessage.decodeLegacy(packet.plaintext())
                        : AckMessage.decodeEip8(packet.plaintext());
        HandshakeCrypto.checkedPublicKey(ack.ephemeralPublicKey(), "recipient ephemeral key");
        secrets =
                Secrets.derive(
                        true,
                        ephemeralKey,
                        ack.ephemeralPublicKey(),
                        nonce,
                        ack.recipientNonce(),
                        authPacket,
                        packet.bytes(),
                        remoteNodeId);
        return packet.bytes().length;
    }

    /**
     * How many buffered bytes the next receive call needs at least, given the first two bytes of
     * the stream (EIP-8 size prefix, or the legacy format's fixed size).
     */
    public int bytesNeeded(int firstByte, int secondByte) {
        return Math.max(2, ackReader.bytesNeeded(firstByte, secondByte));
    }

    public boolean isComplete() {
        return secrets != null;
    }

    /** The decoded ack, once received. */
    public AckMessage ack() {
        requireComplete();
        return ack;
    }

    public Secrets secrets() {
        requireComplete();
        return secrets;
    }

    private void requireComplete() {
        if (secrets == null) {
            throw new IllegalStateException("handshake not complete");
        }
    }

    static byte[] randomNonce(SecureRandom random) {
        byte[] nonce = new byte[32];
        random.nextBytes(nonce);
        return nonce;
    }
}
