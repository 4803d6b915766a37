package io.annals.rpc.eth;

import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.types.Transaction;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * go-ethereum's gas price oracle ({@code eth/gasprice/gasprice.go}, {@code SuggestTipCap}) with its
 * full-node defaults ({@code eth/ethconfig.FullNodeGPO}): from each of the newest {@value
 * #CHECK_BLOCKS} blocks, the {@value #SAMPLES} lowest effective tips of at least {@value
 * #IGNORE_PRICE_WEI} wei paid by senders other than the block's fee recipient; a block with none
 * counts the previous suggestion, and a block with a single sample makes the oracle look one block
 * further back (up to twice the blocks); the suggestion is the {@value #PERCENTILE}th percentile of
 * all samples, capped at 500 gwei. geth runs the block reads concurrently and takes them in the
 * order they finish; here they run in block order, newest first, so the answer never depends on
 * timing. The suggestion is kept until the head changes.
 *
 * <p>{@code eth_maxPriorityFeePerGas} answers the suggestion; {@code eth_gasPrice} adds the head's
 * base fee.
 */
final class GasPriceOracle {
    static final int CHECK_BLOCKS = 20;
    static final int PERCENTILE = 60;
    static final int SAMPLES = 3;
    static final long IGNORE_PRICE_WEI = 2;
    static final BigInteger MAX_PRICE = BigInteger.valueOf(500_000_000_000L);

    /** geth's start price: the miner's default minimum tip, 0.001 gwei. */
    static final BigInteger START_PRICE = BigInteger.valueOf(1_000_000L);

    private final ChainView chain;
    private final BlockReads reads;
    private final int checkBlocks;
    private final int percentile;
    private Hash lastHead;
    private BigInteger lastPrice = START_PRICE;

    GasPriceOracle(ChainView chain, BlockReads reads) {
        this(chain, reads, CHECK_BLOCKS, PERCENTILE);
    }

    /** With other sampling than geth's full-node defaults (geth's tests use 3 blocks, 60 %). */
    GasPriceOracle(ChainView chain, BlockReads reads, int checkBlocks, int percentile) {
        this.chain = chain;
        this.reads = reads;
        this.checkBlocks = checkBlocks;
        this.percentile = percentile;
    }

    /** The suggested tip in wei; the start price while nothing is stored. */
    synchronized BigInteger suggestTipCap() {
        if (chain.head().isEmpty()) {
            return lastPrice;
        }
        long number = chain.head().getAsLong();
        Optional<Hash> head = chain.store().canonicalHash(number);
        if (head.isEmpty() || head.get().equals(lastHead)) {
            return lastPrice;
        }
        List<BigInteger> samples = new ArrayList<>();
        int sent = 0;
        int pending = 0;
        long next = number;
        long lowest = chain.store().startBlock();
        // geth's loop over its result channel, with the requests answered in the order they were
        // made
        List<Long> queue = new ArrayList<>();
        while (sent < checkBlocks && next > 0 && next >= lowest) {
            queue.add(next--);
            sent++;
            pending++;
        }
        for (int i = 0; i < queue.size(); i++) {
            List<BigInteger> values = blockValues(queue.get(i));
            pending--;
            if (values.isEmpty()) {
                values = List.of(lastPrice);
            }
            if (values.size() == 1
                    && samples.size() + 1 + pending < checkBlocks * 2
                    && next > 0
                    && next >= lowest) {
                queue.add(next--);
                pending++;
            }
            samples.addAll(values);
        }
        BigInteger price = lastPrice;
        if (!samples.isEmpty()) {
            samples.sort(Comparator.naturalOrder());
            price = samples.get((samples.size() - 1) * percentile / 100);
        }
        if (price.compareTo(MAX_PRICE) > 0) {
            price = MAX_PRICE;
        }
        lastHead = head.get();
        lastPrice = price;
        return price;
    }

    /** geth's {@code getBlockValues}: up to three of the lowest tips, not the proposer's own. */
    private List<BigInteger> blockValues(long number) {
        Optional<StoredBlock> read = reads.block(number);
        if (read.isEmpty()) {
            return List.of();
        }
        StoredBlock block = read.get();
        BigInteger baseFee = block.header().baseFeePerGas().orElse(null);
        Address coinbase = block.header().beneficiary();
        List<Transaction> txs = block.body().transactions();
        record Tipped(int index, BigInteger tip) {}
        List<Tipped> sorted = new ArrayList<>(txs.size());
        for (int i = 0; i < txs.size(); i++) {
            BigInteger tip = GasTips.effective(txs.get(i), baseFee);
            if (tip != null) {
                sorted.add(new Tipped(i, tip));
            }
        }
        sorted.sort(Comparator.comparing(Tipped::tip));
        List<BigInteger> prices = new ArrayList<>(SAMPLES);
        for (Tipped t : sorted) {
            if (t.tip().compareTo(BigInteger.valueOf(IGNORE_PRICE_WEI)) < 0) {
                continue;
            }
            Hash hash = block.transactionHashes().get(t.index());
            Address sender = reads.sender(hash, txs.get(t.index()));
            if (!sender.equals(Address.ZERO) && !sender.equals(coinbase)) {
                prices.add(t.tip());
                if (prices.size() >= SAMPLES) {
                    break;
                }
            }
        }
        return prices;
    }
}
