package io.annals.bench.devnet;

import io.annals.core.types.BlockHeader;
import io.annals.devnet.chain.BlockContent;
import io.annals.devnet.chain.BlockGenerator;
import io.annals.devnet.chain.ChainParameters;
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
 * The devnet's chain generator on the default (mainnet-like) shape: one operation is one new block,
 * on top of the previous one. {@code compose} is the parent-independent part (transactions,
 * receipts, withdrawals and their roots), which bulk generation spreads over the cores; {@code
 * next} adds sealing the header. Writing to the store is measured by StoreWriteBench.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DevnetGenerateBench {
    private BlockGenerator generator;
    private BlockHeader parent;
    private long number;

    @Setup
    public void setUp() {
        generator = new BlockGenerator(ChainParameters.mainnetLike(1));
        parent = generator.genesis().header();
    }

    @Benchmark
    public BlockContent compose() {
        return generator.compose(++number, 0);
    }

    @Benchmark
    public BlockHeader next() {
        parent = generator.next(parent, 0).header();
        return parent;
    }
}
