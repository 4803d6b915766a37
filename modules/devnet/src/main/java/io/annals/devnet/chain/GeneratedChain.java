package io.annals.devnet.chain;

import io.annals.core.chain.ChainSpec;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.store.ChainIdentity;
import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A generated chain persisted in a {@link HistoryStore}, so the devnet never holds the chain in
 * memory and a benchmark rerun with the same parameters reuses the blocks generated before. The
 * store lives in {@code <data-dir>/chain-<digest>/store}, named by the parameters' digest; the
 * genesis hash commits to that digest too, so a store of other parameters can never be opened as
 * this chain.
 *
 * <p>The store holds the devnet's current branch: blocks are generated on demand ({@link #produce})
 * or ahead in bulk ({@link #extendTo}), and a reorg replaces the top of the store ({@link
 * #replaceTop}). Blocks above the devnet's head that an earlier run generated are kept and served
 * again when the head reaches them, since generation is deterministic. One thread at a time may
 * change the chain (the devnet's head thread); reads are safe from any thread.
 */
public final class GeneratedChain implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GeneratedChain.class);
    private static final int WRITE_BATCH = 16;

    private final BlockGenerator generator;
    private final HistoryStore store;
    private final ChainSpec spec;
    private final FullBlock genesis;
    private final ReorgMarker marker;

    /**
     * A block produced: its header, and the block itself when it was generated now (not found in
     * the store).
     */
    public record Produced(BlockHeader header, Optional<FullBlock> generated) {}

    private GeneratedChain(
            BlockGenerator generator, HistoryStore store, FullBlock genesis, ReorgMarker marker) {
        this.generator = generator;
        this.store = store;
        this.genesis = genesis;
        this.spec = DevnetChainSpec.of(generator.parameters(), genesis.header());
        this.marker = marker;
    }

    /**
     * Opens (or creates) the store of this generator's chain under {@code dataDir}, rolling back
     * what a reorg of an earlier run replaced.
     */
    public static GeneratedChain open(Path dataDir, BlockGenerator generator) {
        Path directory = dataDir.resolve("chain-" + generator.parameters().digestName());
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot create the devnet data directory " + directory, e);
        }
        FullBlock genesis = generator.genesis();
        ChainIdentity identity =
                new ChainIdentity(generator.parameters().chainId(), genesis.hash());
        // regenerable data: no fsync, and no log index (the devnet never answers log queries)
        StoreSettings settings =
                StoreSettings.defaults().withSyncWrites(false).withLogIndexBuckets(0);
        HistoryStore store = HistoryStore.open(directory.resolve("store"), identity, settings);
        try {
            ReorgMarker marker = new ReorgMarker(directory.resolve("reorged-above"));
            OptionalLong reorged = marker.read();
            if (reorged.isPresent()) {
                LOG.info(
                        "rolling the generated store back above block {}, replaced by a reorg of an earlier run",
                        reorged.getAsLong());
                store.rollbackAbove(reorged.getAsLong());
                marker.clear();
            }
            if (!store.isPresent(0)) {
                store.write(genesis);
            }
            return new GeneratedChain(generator, store, genesis, marker);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public BlockGenerator generator() {
        return generator;
    }

    public HistoryStore store() {
        return store;
    }

    /**
     * The devnet's chain spec: its genesis hash, and every fork up to Prague active from genesis.
     */
    public ChainSpec spec() {
        return spec;
    }

    public Hash genesisHash() {
        return genesis.hash();
    }

    /** The highest block present with every block below it. */
    public long storedHead() {
        return store.contiguousHead().orElse(0);
    }

    public BlockHeader header(long number) {
        return store.header(number)
                .orElseThrow(() -> new IllegalStateException("block " + number + " is not stored"));
    }

    /**
     * Makes blocks up to {@code target} present, generating the missing ones on {@code branch}:
     * contents are composed in parallel, sealed in order and written in batches.
     *
     * @param progress told the highest block present after each batch
     */
    public void extendTo(
            long target, int branch, ParallelComposer composer, Consumer<Long> progress) {
        long next = storedHead() + 1;
        if (next > target) {
            return;
        }
        BlockHeader parent = header(next - 1);
        List<FullBlock> batch = new ArrayList<>(WRITE_BATCH);
        for (var contents = composer.stream(generator, next, target, branch);
                contents.hasNext(); ) {
            FullBlock block = generator.seal(contents.next(), parent);
            batch.add(block);
            parent = block.header();
            if (batch.size() == WRITE_BATCH || parent.number() == target) {
                store.write(batch);
                batch.clear();
                progress.accept(parent.number());
            }
        }
    }

    /**
     * Block {@code number}: read from the store when present (generated earlier), else generated on
     * {@code branch} on top of block {@code number - 1} and written.
     */
    public Produced produce(long number, int branch) {
        Optional<BlockHeader> stored = store.header(number);
        if (stored.isPresent()) {
            return new Produced(stored.get(), Optional.empty());
        }
        FullBlock block = generator.next(header(number - 1), branch);
        store.write(block);
        return new Produced(block.header(), Optional.of(block));
    }

    /**
     * A reorg: blocks {@code forkPoint + 1 .. head} are replaced by siblings generated on {@code
     * branch} (and anything stored above {@code head} is dropped), in one atomic store batch.
     *
     * @return the new blocks, lowest first
     */
    public List<FullBlock> replaceTop(long forkPoint, long head, int branch) {
        if (forkPoint < 0 || head <= forkPoint) {
            throw new IllegalArgumentException(
                    "a reorg replaces blocks above its fork point "
                            + forkPoint
                            + " up to the head "
                            + head);
        }
        if (head - forkPoint > HistoryStore.MAX_ATOMIC_ROLLBACK) {
            throw new IllegalArgumentException(
                    "a reorg replaces at most " + HistoryStore.MAX_ATOMIC_ROLLBACK + " blocks");
        }
        List<FullBlock> siblings = new ArrayList<>();
        BlockHeader parent = header(forkPoint);
        for (long n = forkPoint + 1; n <= head; n++) {
            FullBlock block = generator.next(parent, branch);
            siblings.add(block);
            parent = block.header();
        }
        marker.record(forkPoint);
        store.replaceAbove(forkPoint, siblings);
        return siblings;
    }

    @Override
    public void close() {
        store.close();
    }
}
