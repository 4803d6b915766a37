package io.annals.p2p.testing;

import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.Fork;
import io.annals.core.chain.Hardfork;
import io.annals.core.chain.Merge;
import io.annals.core.testing.RandomChain;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.HeaderFormat;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A generated chain from block 0, whose headers commit to their bodies and receipts, and the chain
 * spec it belongs to: network {@link #NETWORK_ID}, this genesis, every block fork at 0, Shanghai at
 * genesis, Cancun in the middle of the chain (so the fork id depends on the head), Prague far
 * ahead.
 */
public final class TestChain {
    public static final long NETWORK_ID = 31_337;
    public static final long GENESIS_TIMESTAMP = 1_700_000_000L;
    public static final long PRAGUE_TIMESTAMP = 2_000_000_000L;

    private final List<RandomChain.GeneratedBlock> blocks;
    private final ChainSpec spec;

    private TestChain(List<RandomChain.GeneratedBlock> blocks, long cancunTimestamp) {
        this.blocks = List.copyOf(blocks);
        this.spec = specWith(blocks.get(0).header().hash(), cancunTimestamp);
    }

    /**
     * {@code length} blocks of Cancun layout with up to {@code maxTransactions} transactions each,
     * and the block at {@code bigBlock} (if in range) with {@code bigBlockTransactions}.
     */
    public static TestChain generate(
            long seed, int length, int maxTransactions, int bigBlock, int bigBlockTransactions) {
        RandomChain random = new RandomChain(seed);
        // a parent numbered 2^64 - 1 makes the first generated block number 0
        BlockHeader beforeGenesis =
                random.headerFields(HeaderFormat.CANCUN)
                        .number(-1L)
                        .timestamp(GENESIS_TIMESTAMP - 12)
                        .build();
        List<RandomChain.GeneratedBlock> blocks = new ArrayList<>(length);
        BlockHeader parent = beforeGenesis;
        for (int i = 0; i < length; i++) {
            int transactions =
                    i == 0
                            ? 0
                            : i == bigBlock
                                    ? bigBlockTransactions
                                    : random.random().nextInt(maxTransactions + 1);
            RandomChain.GeneratedBlock block =
                    random.block(parent, HeaderFormat.CANCUN, transactions);
            blocks.add(block);
            parent = block.header();
        }
        return new TestChain(blocks, GENESIS_TIMESTAMP + 12L * (length / 2));
    }

    public static TestChain generate(long seed, int length) {
        return generate(seed, length, 6, -1, 0);
    }

    /** The spec of a chain with this genesis, Cancun at {@code cancunTimestamp}. */
    public static ChainSpec specWith(Hash genesis, long cancunTimestamp) {
        List<Fork> forks = new ArrayList<>();
        for (Hardfork fork :
                List.of(
                        Hardfork.HOMESTEAD,
                        Hardfork.TANGERINE_WHISTLE,
                        Hardfork.SPURIOUS_DRAGON,
                        Hardfork.BYZANTIUM,
                        Hardfork.CONSTANTINOPLE,
                        Hardfork.PETERSBURG,
                        Hardfork.ISTANBUL,
                        Hardfork.BERLIN,
                        Hardfork.LONDON)) {
            forks.add(Fork.atBlock(fork, 0));
        }
        forks.add(Fork.atTimestamp(Hardfork.SHANGHAI, GENESIS_TIMESTAMP));
        forks.add(Fork.atTimestamp(Hardfork.CANCUN, cancunTimestamp));
        forks.add(Fork.atTimestamp(Hardfork.PRAGUE, PRAGUE_TIMESTAMP));
        return new ChainSpec(
                "annals-test",
                NETWORK_ID,
                NETWORK_ID,
                genesis,
                GENESIS_TIMESTAMP,
                forks,
                Optional.of(new Merge(BigInteger.ZERO, 0)));
    }

    public ChainSpec spec() {
        return spec;
    }

    public List<RandomChain.GeneratedBlock> blocks() {
        return blocks;
    }

    public int length() {
        return blocks.size();
    }

    public RandomChain.GeneratedBlock block(int number) {
        return blocks.get(number);
    }

    public BlockHeader header(int number) {
        return blocks.get(number).header();
    }

    public Hash hash(int number) {
        return header(number).hash();
    }

    /** A reader serving every block. */
    public InMemoryChainReader reader() {
        return new InMemoryChainReader(blocks);
    }
}
