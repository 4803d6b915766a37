package io.annals.devnet.chain;

import io.annals.core.crypto.Keccak256;
import io.annals.core.trie.OrderedTrie;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.LogsBloom;
import io.annals.core.util.Bytes;
import io.annals.store.FullBlock;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The deterministic generator of a devnet chain: from {@link ChainParameters} it produces the
 * genesis and every later block as a pure function of (parameters, number, branch, parent header).
 * Blocks are Prague blocks in every field: withdrawals, blob gas (EIP-4844 accounting, EIP-7691
 * limits), parent beacon root, requests hash (EIP-7685; no requests, so the hash of none), a base
 * fee following EIP-1559 from the parent, and transactions, receipts, withdrawals, bloom and gas
 * used that match their header's roots.
 *
 * <p>A block's content depends on its number and branch only ({@link #compose}); its header on the
 * content and the parent ({@link #seal}). Branch 0 is the original chain; the reorg model generates
 * branch {@code b > 0} for the blocks it replaces and everything built on them, so siblings differ
 * in transactions, timestamps ({@code + b mod 6} seconds), builder and random header values, and
 * hence in hash. Thread-safe: composition uses one composer per thread, so contents can be composed
 * in parallel.
 */
public final class BlockGenerator {
    /**
     * Post-merge blocks come every 12 s (one slot); header timestamps follow that whatever the
     * devnet's pace.
     */
    public static final long SLOT_SECONDS = 12;

    /** keccak(rlp([])): the ommers hash of every post-merge block. */
    public static final Hash EMPTY_OMMERS_HASH = Keccak256.hashOf(new byte[] {(byte) 0xc0});

    /** EIP-7685: the requests hash of a block without requests, sha256 of nothing. */
    public static final Hash EMPTY_REQUESTS_HASH = Hash.wrap(sha256(new byte[0]));

    private static final long GWEI = 1_000_000_000L;
    private static final long MIN_BASE_FEE = GWEI / 10;
    private static final long MAX_BASE_FEE = 100 * GWEI;

    private final ChainParameters params;
    private final Population population;
    private final ThreadLocal<BlockComposer> composers;

    public BlockGenerator(ChainParameters params) {
        this.params = params;
        this.population = new Population(params.seed());
        SignaturePool signatures = new SignaturePool(params.seed());
        this.composers =
                ThreadLocal.withInitial(() -> new BlockComposer(params, population, signatures));
    }

    public ChainParameters parameters() {
        return params;
    }

    /**
     * Block 0: no transactions, no withdrawals, a base fee of 1 gwei; its extraData carries the
     * parameters' digest, so chains of different parameters have different genesis hashes.
     */
    public FullBlock genesis() {
        byte[] tag = "annals devnet ".getBytes(StandardCharsets.US_ASCII);
        byte[] extra = Bytes.concat(tag, java.util.Arrays.copyOf(params.digest(), 32 - tag.length));
        Hash emptyTrie = OrderedTrie.root(List.of());
        if (params.isPreMerge(0)) {
            BlockHeader london =
                    BlockHeader.builder()
                            .ommersHash(EMPTY_OMMERS_HASH)
                            .stateRoot(Keccak256.hashOf(params.digest()))
                            .transactionsRoot(emptyTrie)
                            .receiptsRoot(emptyTrie)
                            .difficulty(ChainParameters.difficulty(0))
                            .number(0)
                            .gasLimit(params.shape().gasLimit())
                            .gasUsed(0)
                            .timestamp(params.genesisTimestamp())
                            .extraData(extra)
                            .nonce(0x42)
                            .baseFeePerGas(BigInteger.valueOf(GWEI))
                            .build();
            return new FullBlock(london, BlockBody.of(List.of(), List.of(), null), List.of());
        }
        BlockHeader header =
                BlockHeader.builder()
                        .ommersHash(EMPTY_OMMERS_HASH)
                        .stateRoot(Keccak256.hashOf(params.digest()))
                        .transactionsRoot(emptyTrie)
                        .receiptsRoot(emptyTrie)
                        .difficulty(BigInteger.ZERO)
                        .number(0)
                        .gasLimit(params.shape().gasLimit())
                        .gasUsed(0)
                        .timestamp(params.genesisTimestamp())
                        .extraData(extra)
                        .baseFeePerGas(BigInteger.valueOf(GWEI))
                        .withdrawalsRoot(emptyTrie)
                        .blobGasUsed(0L)
                        .excessBlobGas(0L)
                        .parentBeaconBlockRoot(Hash.ZERO)
                        .requestsHash(EMPTY_REQUESTS_HASH)
                        .build();
        return new FullBlock(header, BlockBody.of(List.of(), List.of(), List.of()), List.of());
    }

    /** The content of block {@code number} on branch {@code branch}. */
    public BlockContent compose(long number, int branch) {
        if (number < 1) {
            throw new IllegalArgumentException("block 0 is the genesis; compose blocks from 1");
        }
        if (branch < 0) {
            throw new IllegalArgumentException("branch must not be negative: " + branch);
        }
        return composers.get().compose(number, branch);
    }

    /** The block of {@code content} on top of {@code parent}. */
    public FullBlock seal(BlockContent content, BlockHeader parent) {
        long number = content.number();
        if (parent.number() != number - 1) {
            throw new IllegalArgumentException(
                    "block " + number + " cannot follow block " + parent.number());
        }
        long timestamp = params.genesisTimestamp() + SLOT_SECONDS * number + content.branch() % 6;
        if (params.isPreMerge(number)) {
            return sealProofOfWork(content, parent, timestamp);
        }
        BlockHeader header =
                BlockHeader.builder()
                        .parentHash(parent.hash())
                        .ommersHash(EMPTY_OMMERS_HASH)
                        .beneficiary(population.builderRecipients[content.builder()])
                        .stateRoot(content.stateRoot())
                        .transactionsRoot(content.transactionsRoot())
                        .receiptsRoot(content.receiptsRoot())
                        .logsBloom(LogsBloom.wrap(content.logsBloom().clone()))
                        .difficulty(BigInteger.ZERO)
                        .number(number)
                        .gasLimit(params.shape().gasLimit())
                        .gasUsed(content.gasUsed())
                        .timestamp(timestamp)
                        .extraData(population.builderTags[content.builder()])
                        .mixHash(content.prevRandao())
                        .nonce(0)
                        .baseFeePerGas(BigInteger.valueOf(baseFee(parent)))
                        .withdrawalsRoot(content.withdrawalsRoot())
                        .blobGasUsed(content.blobGasUsed())
                        .excessBlobGas(excessBlobGas(parent))
                        .parentBeaconBlockRoot(content.parentBeaconBlockRoot())
                        .requestsHash(EMPTY_REQUESTS_HASH)
                        .build();
        BlockBody body = BlockBody.of(content.transactions(), List.of(), content.withdrawals());
        return new FullBlock(header, body, content.receipts());
    }

    /**
     * A London proof-of-work block: difficulty, a nonce and mix hash, no withdrawals or later
     * fields; every fourth block includes one ommer, a sibling of its parent (a block at the
     * parent's height on the grandparent).
     */
    private FullBlock sealProofOfWork(BlockContent content, BlockHeader parent, long timestamp) {
        long number = content.number();
        List<BlockHeader> ommers =
                number >= 2 && number % 4 == 0 ? List.of(ommer(content, parent)) : List.of();
        BlockBody body = BlockBody.of(content.transactions(), ommers, null);
        BlockHeader header =
                BlockHeader.builder()
                        .parentHash(parent.hash())
                        .ommersHash(body.ommersHash())
                        .beneficiary(population.builderRecipients[content.builder()])
                        .stateRoot(content.stateRoot())
                        .transactionsRoot(content.transactionsRoot())
                        .receiptsRoot(content.receiptsRoot())
                        .logsBloom(LogsBloom.wrap(content.logsBloom().clone()))
                        .difficulty(ChainParameters.difficulty(number))
                        .number(number)
                        .gasLimit(params.shape().gasLimit())
                        .gasUsed(content.gasUsed())
                        .timestamp(timestamp)
                        .extraData(population.builderTags[content.builder()])
                        .mixHash(content.prevRandao())
                        .nonce(nonce(content))
                        .baseFeePerGas(BigInteger.valueOf(baseFee(parent)))
                        .build();
        return new FullBlock(header, body, content.receipts());
    }

    /** An uncle at the parent's height: the grandparent's child that lost to the parent. */
    private BlockHeader ommer(BlockContent content, BlockHeader parent) {
        Hash emptyTrie = OrderedTrie.root(List.of());
        int miner = (content.builder() + 1) % population.builderRecipients.length;
        return BlockHeader.builder()
                .parentHash(parent.parentHash())
                .ommersHash(EMPTY_OMMERS_HASH)
                .beneficiary(population.builderRecipients[miner])
                .stateRoot(content.parentBeaconBlockRoot())
                .transactionsRoot(emptyTrie)
                .receiptsRoot(emptyTrie)
                .difficulty(ChainParameters.difficulty(parent.number()))
                .number(parent.number())
                .gasLimit(parent.gasLimit())
                .gasUsed(0)
                .timestamp(parent.timestamp() + 1)
                .extraData(population.builderTags[miner])
                .mixHash(content.stateRoot())
                .nonce(nonce(content) ^ 0x5a5a5a5aL)
                .baseFeePerGas(parent.baseFeePerGas().orElse(BigInteger.valueOf(GWEI)))
                .build();
    }

    private static long nonce(BlockContent content) {
        return Bytes.readLong(content.parentBeaconBlockRoot().unsafeArray(), 0, 8);
    }

    /** The child of {@code parent} on {@code branch}. */
    public FullBlock next(BlockHeader parent, int branch) {
        return seal(compose(parent.number() + 1, branch), parent);
    }

    /**
     * EIP-1559's update from the parent's gas used against half its limit, kept within 0.1..100
     * gwei.
     */
    static long baseFee(BlockHeader parent) {
        long base = parent.baseFeePerGas().orElseThrow().longValueExact();
        long target = parent.gasLimit() / 2;
        long used = parent.gasUsed();
        long next;
        if (used > target) {
            next = base + Math.max(1, base * (used - target) / target / 8);
        } else {
            next = base - base * (target - used) / target / 8;
        }
        return Math.max(MIN_BASE_FEE, Math.min(MAX_BASE_FEE, next));
    }

    /**
     * EIP-4844: what the parent's blob gas left above the target (two thirds of the blob limit, as
     * in Prague).
     */
    private long excessBlobGas(BlockHeader parent) {
        long target = params.shape().maxBlobsPerBlock() * 2L / 3 * BlockComposer.GAS_PER_BLOB;
        long excess = parent.excessBlobGas().orElse(0) + parent.blobGasUsed().orElse(0);
        return Math.max(0, excess - target);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
