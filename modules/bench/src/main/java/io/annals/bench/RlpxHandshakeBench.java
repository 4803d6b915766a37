package io.annals.bench;

import io.annals.core.crypto.Secp256k1;
import io.annals.p2p.rlpx.InitiatorHandshake;
import io.annals.p2p.rlpx.RecipientHandshake;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A complete RLPx handshake, both sides, without sockets: auth (EIP-8, ECIES, signature), ack,
 * secrets on both ends. Includes generating both ephemeral keys and nonces.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RlpxHandshakeBench {
    private final SecureRandom random = new SecureRandom();
    private byte[] keyA;
    private byte[] keyB;
    private byte[] nodeIdB;

    @Setup
    public void setUp() {
        keyA = Secp256k1.generatePrivateKey(random);
        keyB = Secp256k1.generatePrivateKey(random);
        nodeIdB = Secp256k1.publicKeyOf(keyB);
    }

    @Benchmark
    public Object handshake() {
        InitiatorHandshake a = new InitiatorHandshake(keyA, nodeIdB, random);
        RecipientHandshake b = new RecipientHandshake(keyB, random);
        byte[] auth = a.authPacket();
        b.receiveAuth(auth, 0, auth.length);
        byte[] ack = b.ackPacket();
        a.receiveAck(ack, 0, ack.length);
        return a.secrets();
    }
}
