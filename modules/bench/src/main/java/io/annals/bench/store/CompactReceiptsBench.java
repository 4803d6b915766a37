package io.annals.bench.store;

import io.annals.bench.FixtureBlocks;
import io.annals.core.types.Log;
import io.annals.core.types.LogsBloom;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.store.codec.CompactReceipts;
import java.util.List;
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
 * The two per-block dictionaries of a sync's receipts, on real mainnet blocks: the stored form's
 * encoding (made on the eth workers as a block is handed to the writer) and the blooms of the
 * decoded receipts with a fresh memo (as {@code Receipts.readEth69List} computes them, there with
 * its thread's memo, whose tables are already grown).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CompactReceiptsBench {
    @Param({"shanghai", "cancun", "prague"})
    public String block;

    private List<Receipt> receipts;
    private List<List<Log>> receiptsLogs;

    @Setup
    public void setUp() {
        receipts = Receipts.decodeEth69List(FixtureBlocks.named(block).receiptsEth69());
        receiptsLogs = receipts.stream().map(Receipt::logs).toList();
        if (!CompactReceipts.decode(CompactReceipts.encode(receipts)).equals(receipts)) {
            throw new IllegalStateException("the stored form does not give the receipts back");
        }
    }

    @Benchmark
    public byte[] encode() {
        return CompactReceipts.encode(receipts);
    }

    @Benchmark
    public List<LogsBloom> blooms() {
        return new LogsBloom.Memo().bloomsOf(receiptsLogs);
    }
}
