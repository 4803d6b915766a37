package io.annals.p2p.rlpx;

import io.annals.core.crypto.Secp256k1;
import java.security.SecureRandom;

/** Runs a complete pure handshake between two fresh nodes; gives both sides' secrets. */
public record HandshakeRoundTrip(Secrets initiator, Secrets recipient) {
    public static HandshakeRoundTrip run(SecureRandom random) {
        byte[] keyA = Secp256k1.generatePrivateKey(random);
        byte[] keyB = Secp256k1.generatePrivateKey(random);
        InitiatorHandshake a = new InitiatorHandshake(keyA, Secp256k1.publicKeyOf(keyB), random);
        RecipientHandshake b = new RecipientHandshake(keyB, random);
        byte[] auth = a.authPacket();
        b.receiveAuth(auth, 0, auth.length);
        byte[] ack = b.ackPacket();
        a.receiveAck(ack, 0, ack.length);
        return new HandshakeRoundTrip(a.secrets(), b.secrets());
    }
}
