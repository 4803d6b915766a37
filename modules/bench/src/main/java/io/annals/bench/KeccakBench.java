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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Keccak-256 of one whole input: BouncyCastle's {@link KeccakDigest} (the reference) against the
 * implementation behind {@link Keccak256}. Throughput in MB/s = ops/s × size / 10^6.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeccakBench {
    @Param({"32", "500", "4096", "65536"})
    public int size;

    private byte[] input;

    @Setup
    public void setUp() {
        input = new byte[size];
        new Random(size).nextBytes(input);
    }

    @Benchmark
    public byte[] bouncyCastle() {
        KeccakDigest digest = new KeccakDigest(256);
        digest.update(input, 0, input.length);
        byte[] out = new byte[32];
        digest.doFinal(out, 0);
        return out;
    }

    @Benchmark
    public byte[] annals() {
        return Keccak256.hash(input);
    }
}
