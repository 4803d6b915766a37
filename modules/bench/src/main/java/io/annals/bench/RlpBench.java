package io.annals.bench;

import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import java.util.Random;
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
import org.openjdk.jmh.infra.Blackhole;

/** Walking a list of 200 transaction-sized items with the zero-copy reader. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RlpBench {
    private byte[] encoded;

    @Setup
    public void setUp() {
        Random random = new Random(1);
        RlpWriter w = new RlpWriter();
        int outer = w.startList();
        for (int i = 0; i < 200; i++) {
            int tx = w.startList();
            w.writeLong(random.nextInt(1000));
            w.writeLong(random.nextLong() >>> 1);
            byte[] to = new byte[20];
            random.nextBytes(to);
            w.writeBytes(to);
            byte[] input = new byte[300];
            random.nextBytes(input);
            w.writeBytes(input);
            w.endList(tx);
        }
        w.endList(outer);
        encoded = w.toByteArray();
    }

    @Benchmark
    public void walkList(Blackhole bh) {
        RlpReader list = RlpReader.list(encoded);
        while (list.hasNext()) {
            RlpReader tx = list.readList();
            bh.consume(tx.readLong());
            bh.consume(tx.readLong());
            bh.consume(tx.readSlice());
            bh.consume(tx.readSlice());
        }
    }
}
