package io.annals.bench;

import io.annals.core.testing.MainnetBlock;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.core.types.Transaction;
import io.annals.core.types.Transactions;
import java.util.List;
import java.util.Optional;
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
 * What sync spends on one real mainnet block before it may be written: decoding the body and the
 * receipts as a peer sends them, and checking every commitment in the header (transactions root,
 * ommers hash, withdrawals root; receipts root, logs bloom, gas used). One thread, one block per
 * operation. The blocks are the core fixtures: Shanghai 17,062,257, Cancun 22,162,263 and Prague
 * 22,431,084 (301 transactions).
 *
 * <p>This class runs without the Vector API, so every Keccak is scalar; {@link
 * BlockValidationLanesBench} runs the same benchmarks with it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BlockValidationBench {
    @Param({"shanghai", "cancun", "prague"})
    public String block;

    private byte[] headerRlp;
    private byte[] bodyRlp;
    private byte[] receiptsEth68;
    private byte[] receiptsEth69;
    private List<Transaction> transactions;

    @Setup
    public void setUp() {
        MainnetBlock fixture = FixtureBlocks.named(block);
        headerRlp = fixture.headerRlp();
        bodyRlp = fixture.bodyRlp();
        receiptsEth68 = fixture.receiptsEth68();
        receiptsEth69 = fixture.receiptsEth69();
        transactions = fixture.body().transactions();
        BlockHeader header = BlockHeader.decode(headerRlp);
        // the benchmark is only meaningful if the checks pass on these bytes
        require(BlockBody.decode(bodyRlp).mismatchWith(header), "body");
        require(Receipts.mismatchWith(header, Receipts.decodeEth69List(receiptsEth69)), "receipts");
        System.out.printf(
                "%n%s block %d: %d txs, body %,d bytes, receipts eth/68 %,d bytes, eth/69 %,d bytes%n",
                block,
                header.number(),
                transactions.size(),
                bodyRlp.length,
                receiptsEth68.length,
                receiptsEth69.length);
    }

    /** Header decode plus its hash (Keccak of the received bytes). */
    @Benchmark
    public Object header() {
        return BlockHeader.decode(headerRlp).hash();
    }

    /**
     * Body decode (transaction envelopes) plus transactions root, ommers hash and withdrawals root.
     */
    @Benchmark
    public Optional<String> body() {
        return BlockBody.decode(bodyRlp).mismatchWith(BlockHeader.decode(headerRlp));
    }

    /** eth/68 receipts (blooms received) decoded and checked: root, bloom, gas. */
    @Benchmark
    public Optional<String> receiptsEth68() {
        List<Receipt> receipts = Receipts.decodeEth68List(receiptsEth68);
        return Receipts.mismatchWith(BlockHeader.decode(headerRlp), receipts);
    }

    /** eth/69 receipts (no blooms: they are computed from the logs) decoded and checked. */
    @Benchmark
    public Optional<String> receiptsEth69() {
        List<Receipt> receipts = Receipts.decodeEth69List(receiptsEth69);
        return Receipts.mismatchWith(BlockHeader.decode(headerRlp), receipts);
    }

    /** The whole block as sync validates it from an eth/69+ peer: header, body, receipts. */
    @Benchmark
    public boolean wholeBlockEth69() {
        BlockHeader header = BlockHeader.decode(headerRlp);
        header.hash();
        boolean bodyOk = BlockBody.decode(bodyRlp).mismatchWith(header).isEmpty();
        boolean receiptsOk =
                Receipts.mismatchWith(header, Receipts.decodeEth69List(receiptsEth69)).isEmpty();
        return bodyOk && receiptsOk;
    }

    /**
     * Body decode plus the transaction hashes sync computes for the store (all of a block's at
     * once).
     */
    @Benchmark
    public Object transactionHashes() {
        List<Transaction> decoded = BlockBody.decode(bodyRlp).transactions();
        Transactions.hashAll(decoded);
        return decoded;
    }

    /** The ordered trie root over already-decoded transactions alone. */
    @Benchmark
    public Object transactionsRoot() {
        return Transactions.root(transactions);
    }

    private static void require(Optional<String> mismatch, String what) {
        if (mismatch.isPresent()) {
            throw new IllegalStateException(what + " does not match its header: " + mismatch.get());
        }
    }
}
