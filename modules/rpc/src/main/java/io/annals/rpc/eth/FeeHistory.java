package io.annals.rpc.eth;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Transaction;
import io.annals.rpc.methods.RpcException;
import io.annals.store.StoredReceipt;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code eth_feeHistory} as go-ethereum's oracle answers it ({@code eth/gasprice/feehistory.go}):
 * for {@code blockCount} blocks ending at {@code lastBlock}, each block's base fee (and the next
 * block's), gas used ratio, blob base fee (and the next), blob gas used ratio and, when percentiles
 * are asked for, the effective tips at those percentiles of the block's gas, each transaction
 * weighted by the gas its receipt says it used. At most {@value #MAX_HEADER_HISTORY} blocks without
 * percentiles and {@value #MAX_BLOCK_HISTORY} with them (geth's defaults, silently truncated as
 * geth does); at most {@value #MAX_PERCENTILES} percentiles.
 *
 * <p>This node keeps no blocks below its start block: a range reaching below it starts at the start
 * block instead (geth, which keeps every header, would report those too).
 */
final class FeeHistory {
    static final int MAX_HEADER_HISTORY = 1024;
    static final int MAX_BLOCK_HISTORY = 1024;
    static final int MAX_PERCENTILES = 100;

    private final ChainView chain;
    private final BlockReads reads;
    private final BaseFees baseFees;
    private final BlobFees blobFees;
    private final long maxHeaderHistory;
    private final long maxBlockHistory;

    /** One block's figures; {@code rewards} is null when no percentiles were asked for. */
    record BlockFees(
            BigInteger baseFee,
            BigInteger nextBaseFee,
            double gasUsedRatio,
            BigInteger blobBaseFee,
            BigInteger nextBlobBaseFee,
            double blobGasUsedRatio,
            List<BigInteger> rewards) {}

    /** The answer: {@code blocks} is empty when nothing is retrievable (geth's zero answer). */
    record Result(long oldestBlock, List<BlockFees> blocks, boolean withRewards) {}

    FeeHistory(ChainView chain, BlockReads reads, BaseFees baseFees, BlobFees blobFees) {
        this(chain, reads, baseFees, blobFees, MAX_HEADER_HISTORY, MAX_BLOCK_HISTORY);
    }

    /** With other history limits than geth's defaults (geth's tests use 1000 and 20/2). */
    FeeHistory(
            ChainView chain,
            BlockReads reads,
            BaseFees baseFees,
            BlobFees blobFees,
            long maxHeaderHistory,
            long maxBlockHistory) {
        this.chain = chain;
        this.reads = reads;
        this.baseFees = baseFees;
        this.blobFees = blobFees;
        this.maxHeaderHistory = maxHeaderHistory;
        this.maxBlockHistory = maxBlockHistory;
    }

    /**
     * @param lastBlock the resolved last block (the head for {@code latest} and {@code pending})
     * @param pending whether the last block was given as {@code pending}: this node has no pending
     *     block, so geth counts one block fewer, ending at the head
     */
    Result query(long blockCount, long lastBlock, boolean pending, List<Double> percentiles) {
        if (Long.compareUnsigned(blockCount, 1) < 0) {
            return new Result(0, List.of(), false);
        }
        checkPercentiles(percentiles);
        long max = percentiles.isEmpty() ? maxHeaderHistory : maxBlockHistory;
        long blocks = Long.compareUnsigned(blockCount, max) > 0 ? max : blockCount;
        long head = chain.head().orElse(-1);
        if (head < lastBlock) {
            throw RpcException.serverError(
                    "request beyond head block: requested " + lastBlock + ", head " + head);
        }
        if (pending) {
            blocks--;
        }
        if (blocks == 0) {
            return new Result(0, List.of(), false);
        }
        blocks = Math.min(blocks, lastBlock + 1);
        long oldest = Math.max(lastBlock + 1 - blocks, chain.store().startBlock());
        List<BlockFees> out = new ArrayList<>();
        for (long number = oldest; number <= lastBlock; number++) {
            Optional<BlockFees> fees = block(number, percentiles);
            if (fees.isEmpty()) {
                break; // geth keeps what precedes the first block it cannot read
            }
            out.add(fees.get());
        }
        if (out.isEmpty()) {
            return new Result(0, List.of(), false);
        }
        return new Result(oldest, out, !percentiles.isEmpty());
    }

    private Optional<BlockFees> block(long number, List<Double> percentiles) {
        if (percentiles.isEmpty()) {
            return chain.store().header(number).map(h -> fees(h, null));
        }
        return reads.blockWithReceipts(number)
                .map(
                        read ->
                                fees(
                                        read.block().header(),
                                        rewards(
                                                read.block().header(),
                                                read.block().body().transactions(),
                                                read.receipts().receipts(),
                                                percentiles)));
    }

    private BlockFees fees(BlockHeader header, List<BigInteger> rewards) {
        BigInteger blobFee = blobFees.blobBaseFee(header);
        BigInteger nextBlobFee = blobFees.nextBlobBaseFee(header);
        return new BlockFees(
                header.baseFeePerGas().orElse(BigInteger.ZERO),
                baseFees.next(header),
                (double) header.gasUsed() / header.gasLimit(),
                blobFee == null ? BigInteger.ZERO : blobFee,
                nextBlobFee == null ? BigInteger.ZERO : nextBlobFee,
                blobFees.blobGasUsedRatio(header),
                rewards);
    }

    /** geth's {@code processBlock}: tips sorted (stably), walked until each gas threshold. */
    private static List<BigInteger> rewards(
            BlockHeader header,
            List<Transaction> transactions,
            List<StoredReceipt> receipts,
            List<Double> percentiles) {
        List<BigInteger> rewards = new ArrayList<>(percentiles.size());
        if (transactions.isEmpty()) {
            percentiles.forEach(p -> rewards.add(BigInteger.ZERO));
            return rewards;
        }
        BigInteger baseFee = header.baseFeePerGas().orElse(null);
        record GasAndReward(long gasUsed, BigInteger reward) {}
        List<GasAndReward> sorted = new ArrayList<>(transactions.size());
        for (int i = 0; i < transactions.size(); i++) {
            BigInteger tip = GasTips.effective(transactions.get(i), baseFee);
            sorted.add(
                    new GasAndReward(
                            receipts.get(i).gasUsed(), tip == null ? BigInteger.ZERO : tip));
        }
        sorted.sort(Comparator.comparing(GasAndReward::reward)); // List.sort is stable
        int index = 0;
        long sumGasUsed = sorted.get(0).gasUsed();
        for (double p : percentiles) {
            long threshold = (long) (header.gasUsed() * p / 100);
            while (sumGasUsed < threshold && index < sorted.size() - 1) {
                index++;
                sumGasUsed += sorted.get(index).gasUsed();
            }
            rewards.add(sorted.get(index).reward());
        }
        return rewards;
    }

    /** geth's checks and messages (Go's {@code %f}: six decimals). */
    private static void checkPercentiles(List<Double> percentiles) {
        if (percentiles.size() > MAX_PERCENTILES) {
            throw invalidPercentile("over the query limit " + MAX_PERCENTILES);
        }
        for (int i = 0; i < percentiles.size(); i++) {
            double p = percentiles.get(i);
            if (p < 0 || p > 100) {
                throw invalidPercentile(goFloat(p));
            }
            if (i > 0 && p <= percentiles.get(i - 1)) {
                throw invalidPercentile(
                        "#"
                                + (i - 1)
                                + ":"
                                + goFloat(percentiles.get(i - 1))
                                + " >= #"
                                + i
                                + ":"
                                + goFloat(p));
            }
        }
    }

    private static RpcException invalidPercentile(String detail) {
        return RpcException.serverError("invalid reward percentile: " + detail);
    }

    private static String goFloat(double value) {
        return String.format(Locale.ROOT, "%f", value);
    }
}
