package io.annals.bench;

import io.annals.core.crypto.Secp256k1;
import io.annals.p2p.rlpx.EgressFramer;
import io.annals.p2p.rlpx.IngressFramer;
import io.annals.p2p.rlpx.InitiatorHandshake;
import io.annals.p2p.rlpx.RecipientHandshake;
import io.annals.p2p.wire.SnappyCompression;
import java.security.SecureRandom;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One RLPx message through sender and receiver: (Snappy compress,) seal (AES-256-CTR + Keccak
 * MACs), open header and body (MAC checks + decrypt) (, Snappy decompress). Multiply ops/s by the
 * payload size for bytes per second. Each KiB of payload is half fresh random bytes, half repeated
 * bytes, so that Snappy halves it, roughly as it does with block bodies.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RlpxFrameBench {
    private static final int MAX = 16 * 1024 * 1024;

    @Param({"1024", "65536", "1048576"})
    public int size;

    @Param({"false", "true"})
    public boolean snappy;

    private byte[] payload;
    private EgressFramer egress;
    private IngressFramer ingress;

    @Setup
    public void setUp() {
        SecureRandom random = new SecureRandom();
        byte[] keyA = Secp256k1.generatePrivateKey(random);
        byte[] keyB = Secp256k1.generatePrivateKey(random);
        InitiatorHandshake a = new InitiatorHandshake(keyA, Secp256k1.publicKeyOf(keyB), random);
        RecipientHandshake b = new RecipientHandshake(keyB, random);
        byte[] auth = a.authPacket();
        b.receiveAuth(auth, 0, auth.length);
        byte[] ack = b.ackPacket();
        a.receiveAck(ack, 0, ack.length);
        egress = new EgressFramer(a.secrets(), MAX);
        ingress = new IngressFramer(b.secrets(), MAX);

        Random content = new Random(42);
        byte[] repeated = new byte[512];
        content.nextBytes(repeated);
        payload = new byte[size];
        content.nextBytes(payload);
        for (int i = 0; i < size; i += 1024) {
            System.arraycopy(repeated, 0, payload, i, Math.min(512, size - i));
        }
    }

    @Benchmark
    public byte[] sealAndOpen() {
        byte[] data = snappy ? SnappyCompression.compress(payload) : payload;
        byte[] frame = egress.seal(data);
        int frameSize = ingress.openHeader(frame, 0);
        byte[] opened = ingress.openBody(frame, IngressFramer.HEADER_SIZE, frameSize);
        return snappy ? SnappyCompression.decompress(opened, 0, opened.length, MAX) : opened;
    }
}
