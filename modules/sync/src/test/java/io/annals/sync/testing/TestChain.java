package io.annals.sync.testing;

import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.Fork;
import io.annals.core.chain.Hardfork;
import io.annals.core.chain.Merge;
import io.annals.core.testing.RandomChain;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.HeaderFormat;
import io.annals.store.ChainIdentity;
import io.annals.store.FullBlock;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A generated chain from block 0 (RandomChain: headers commit to their bodies and receipts, and
 * each names its parent), small blocks (a few transactions) so that thousands sync in seconds, and
 * the chain spec it belongs to: every block fork at genesis, Shanghai and Cancun at the genesis
 * time, post-merge. Chains are cached per (seed, length): several tests share one.
 */
public final class TestChain {

    public static final long NETWORK_ID = 31_337;
    public static final long GENESIS_TIMESTAMP = 1_700_000_000L;

    private static final Map<String, TestChain> CACHE = new ConcurrentHashMap<>();

    private final List<FullBlock> blocks;
    private final ChainSpec spec;
    private final Map<Hash, Long> numbers = new HashMap<>();

    private TestChain(List<FullBlock> blocks) {
        this.blocks = List.copyOf(blocks);
        this.spec = spec(blocks.get(0).hash());
        blocks.forEach(block -> numbers.put(block.hash(), block.number()));
    }

    /** Blocks 0 .. length - 1, each with up to {@code maxTransactions} transactions. */
    public static TestChain of(long seed, int length, int maxTransactions) {
        return CACHE.computeIfAbsent(
                seed + "/" + length + "/" + maxTransactions,
                key -> generate(seed, length, maxTransactions));
    }

    private static TestChain generate(long seed, int length, int maxTransactions) {
        RandomChain random = new RandomChain(seed);
        // a parent numbered 2^64 - 1 makes the first generated block number 0
        BlockHeader parent =
                random.headerFields(HeaderFormat.CANCUN)
                        .number(-1L)
                        .timestamp(GENESIS_TIMESTAMP - 12)
                        .build();
        List<FullBlock> blocks = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            int transactions = i == 0 ? 0 : random.random().nextInt(maxTransactions + 1);
            RandomChain.GeneratedBlock block =
                    random.block(parent, HeaderFormat.CANCUN, transactions);
            blocks.add(new FullBlock(block.header(), block.body(), block.receipts()));
            parent = block.header();
        }
        return new TestChain(blocks);
    }

    /**
     * A sibling chain: blocks {@code 0..ancestor} of this one, then {@code length - ancestor - 1}
     * other blocks (another seed: other transactions, other hashes) on top of block {@code
     * ancestor}. What a reorg to a branch forked at {@code ancestor} looks like. Cached like the
     * chains.
     */
    public TestChain fork(long ancestor, long seed, int length) {
        if (ancestor < 0 || ancestor >= blocks.size() || length <= ancestor + 1) {
            throw new IllegalArgumentException(
                    "cannot fork at " + ancestor + " to length " + length);
        }
        return CACHE.computeIfAbsent(
                blocks.get(0).hash() + "/fork/" + ancestor + "/" + seed + "/" + length,
                key -> {
                    RandomChain random = new RandomChain(seed);
                    List<FullBlock> forked = new ArrayList<>(blocks.subList(0, (int) ancestor + 1));
                    BlockHeader parent = blocks.get((int) ancestor).header();
                    int maxTransactions = 3;
                    while (forked.size() < length) {
                        RandomChain.GeneratedBlock block =
                                random.block(
                                        parent,
                                        HeaderFormat.CANCUN,
                                        random.random().nextInt(maxTransactions + 1));
                        forked.add(new FullBlock(block.header(), block.body(), block.receipts()));
                        parent = block.header();
                    }
                    return new TestChain(forked);
                });
    }

    private static ChainSpec spec(Hash genesis) {
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
        forks.add(Fork.atTimestamp(Hardfork.CANCUN, GENESIS_TIMESTAMP));
        return new ChainSpec(
                "annals-sync-test",
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

    public ChainIdentity identity() {
        return new ChainIdentity(NETWORK_ID, blocks.get(0).hash());
    }

    public int length() {
        return blocks.size();
    }

    public FullBlock block(long number) {
        return blocks.get((int) number);
    }

    /** The number of the block with this hash, or -1. */
    public long numberOf(Hash hash) {
        return numbers.getOrDefault(hash, -1L);
    }

    /** Blocks {@code first..last}, both included. */
    public List<FullBlock> blocks(long first, long last) {
        return blocks.subList((int) first, (int) last + 1);
    }
}
