package io.annals.bench;

import io.annals.core.crypto.Keccak256;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.KeccakDigest;
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
 * The RLPx frame-MAC pattern: a long-running Keccak state absorbs 16 bytes, then its digest so far
 * is read without finishing the state. BouncyCastle needs a copy of the digest per read; {@link
 * Keccak256#peekDigest()} squeezes straight from the running state.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeccakMacBench {
    private final byte[] block = new byte[16];
    private KeccakDigest bouncyCastle;
    private Keccak256 annals;

    @Setup
    public void setUp() {
        new Random(16).nextBytes(block);
        bouncyCastle = new KeccakDigest(256);
        annals = new Keccak256();
    }

    @Benchmark
    public byte[] bouncyCastleUpdateAndPeek() {
        bouncyCastle.update(block, 0, block.length);
        KeccakDigest copy = new KeccakDigest(bouncyCastle);
        byte[] out = new byte[32];
        copy.doFinal(out, 0);
        return out;
    }

    @Benchmark
    public byte[] annalsUpdateAndPeek() {
        return annals.update(block).peekDigest();
    }
}
