package io.annals.store;

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
 * One block's bucketed fingerprints put in posting order: the general sort and drop of repeats the
 * writer used, against {@link BucketOrder}. The default shape is a mainnet-like block's (about
 * 1,500 distinct values and topic positions, 256 buckets). In this package because the order is the
 * store's own.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BucketOrderBench {
    @Param({"1500"})
    int values;

    @Param({"256"})
    int buckets;

    private long[] block;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        block = new long[values];
        for (int i = 0; i < values; i++) {
            block[i] = (long) random.nextInt(buckets) << 32 | (random.nextInt() & 0xffffffffL);
        }
    }

    @Benchmark
    public long[] generalSort() {
        return BucketOrder.fullySortedDistinct(block.clone());
    }

    @Benchmark
    public long[] bucketOrder() {
        return BucketOrder.sortedDistinct(block.clone(), buckets);
    }
}
