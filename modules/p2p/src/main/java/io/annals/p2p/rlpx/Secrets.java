package io.annals.p2p.rlpx;

import io.annals.core.crypto.Keccak256;
import io.annals.core.crypto.Secp256k1;
import io.annals.core.util.Bytes;

/**
 * The session keys an RLPx handshake yields (<a
 * href="https://github.com/ethereum/devp2p/blob/master/rlpx.md#initial-handshake">rlpx.md</a>):
 *
 * <pre>
 * ephemeral-key = ecdh.agree(ephemeral-privkey, remote-ephemeral-pubk)
 * shared-secret = keccak256(ephemeral-key || keccak256(recipient-nonce || initiator-nonce))
 * aes-secret    = keccak256(ephemeral-key || shared-secret)
 * mac-secret    = keccak256(ephemeral-key || aes-secret)
 * initiator: egress-mac = keccak256.init((mac-secret ^ recipient-nonce) || auth)
 *            ingress-mac = keccak256.init((mac-secret ^ initiator-nonce) || ack)
 * recipient: the other way round
 * </pre>
 *
 * The MAC states are live: the frame codec takes ownership of them.
 */
public final class Secrets {
    private final byte[] aesSecret;
    private final byte[] macSecret;
    private final Keccak256 egressMac;
    private final Keccak256 ingressMac;
    private final byte[] remoteNodeId;

    private Secrets(
            byte[] aesSecret,
            byte[] macSecret,
            Keccak256 egressMac,
            Keccak256 ingressMac,
            byte[] remoteNodeId) {
        this.aesSecret = aesSecret;
        this.macSecret = macSecret;
        this.egressMac = egressMac;
        this.ingressMac = ingressMac;
        this.remoteNodeId = remoteNodeId;
    }

    /**
     * Derives the secrets of one side.
     *
     * @param initiator whether we opened the connection
     * @param authPacket the auth packet exactly as sent (with its EIP-8 size prefix)
     * @param ackPacket the ack packet exactly as sent
     */
    public static Secrets derive(
            boolean initiator,
            byte[] ephemeralPrivateKey,
            byte[] remoteEphemeralPublicKey,
            byte[] initiatorNonce,
            byte[] recipientNonce,
            byte[] authPacket,
            byte[] ackPacket,
            byte[] remoteNodeId) {
        byte[] ephemeralKey = Secp256k1.agree(ephemeralPrivateKey, remoteEphemeralPublicKey);
        byte[] nonceHash = Keccak256.hash(Bytes.concat(recipientNonce, initiatorNonce));
        byte[] sharedSecret = Keccak256.hash(Bytes.concat(ephemeralKey, nonceHash));
        byte[] aesSecret = Keccak256.hash(Bytes.concat(ephemeralKey, sharedSecret));
        byte[] macSecret = Keccak256.hash(Bytes.concat(ephemeralKey, aesSecret));

        Keccak256 authSide =
                new Keccak256().update(xor(macSecret, recipientNonce)).update(authPacket);
        Keccak256 ackSide =
                new Keccak256().update(xor(macSecret, initiatorNonce)).update(ackPacket);
        return initiator
                ? new Secrets(aesSecret, macSecret, authSide, ackSide, remoteNodeId.clone())
                : new Secrets(aesSecret, macSecret, ackSide, authSide, remoteNodeId.clone());
    }

    /**
     * Secrets from their parts, each MAC state seeded with {@code egressSeed} / {@code
     * ingressSeed}: the two sides of one connection are {@code of(a, m, x, y, id)} and {@code of(a,
     * m, y, x, id')}. For known-answer tests and the frame fuzz target, which need fresh framers
     * without a key agreement each time.
     */
    static Secrets of(
            byte[] aesSecret,
            byte[] macSecret,
            byte[] egressSeed,
            byte[] ingressSeed,
            byte[] remoteNodeId) {
        return new Secrets(
                aesSecret.clone(),
                macSecret.clone(),
                new Keccak256().update(egressSeed),
                new Keccak256().update(ingressSeed),
                remoteNodeId.clone());
    }

    public byte[] aesSecret() {
        return aesSecret.clone();
    }

    public byte[] macSecret() {
        return macSecret.clone();
    }

    /** The live egress MAC state (not a copy). */
    public Keccak256 egressMac() {
        return egressMac;
    }

    /** The live ingress MAC state (not a copy). */
    public Keccak256 ingressMac() {
        return ingressMac;
    }

    /** The remote static public key, 64 bytes. */
    public byte[] remoteNodeId() {
        return remoteNodeId.clone();
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}
