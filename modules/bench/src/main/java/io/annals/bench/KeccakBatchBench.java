package io.annals.bench;

import io.annals.core.crypto.Keccak256;
import io.annals.core.crypto.KeccakBatch;
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
 * {@code count} independent Keccak-256 hashes of {@code size} bytes each (one block's transactions
 * are about 170 of 570 bytes; its distinct bloom values about 1,100 of 20 or 32): one at a time on
 * the scalar sponge ({@code scalar}, what a {@link KeccakBatch} does without the Vector API)
 * against one {@link KeccakBatch} ({@code batch}: the Vector API lanes when the module is present,
 * which this benchmark's fork adds). Both in the same run; µs per operation = per {@code count}
 * hashes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KeccakBatchBench {
    @Param({"32", "136", "570", "1000"})
    public int size;

    @Param({"8", "170"})
    public int count;

    private byte[][] inputs;
    private byte[] digests;
    private final KeccakBatch batch = new KeccakBatch();

    @Setup
    public void setUp() {
        Random random = new Random(size * 31L + count);
        inputs = new byte[count][size];
        for (byte[] input : inputs) {
            random.nextBytes(input);
        }
        digests = new byte[32 * count];
        if (!KeccakBatch.engine().contains("lanes")) {
            throw new IllegalStateException("the Vector API lanes are not loaded");
        }
    }

    @Benchmark
    public byte[] scalar() {
        for (int i = 0; i < count; i++) {
            Keccak256.hashInto(inputs[i], 0, size, digests, 32 * i);
        }
        return digests;
    }

    @Benchmark
    public byte[] batch() {
        for (int i = 0; i < count; i++) {
            batch.add(inputs[i], 0, size, digests, 32 * i);
        }
        batch.run();
        return digests;
    }
}
