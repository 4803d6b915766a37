package io.annals.sync.write;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import io.annals.store.HistoryStore;
import io.annals.store.StorableBlock;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What the sync engine needs of the history store. Every call may block on disk: the engine calls
 * it only on the writer's dedicated dispatcher. A seam for tests (a store that fails or counts),
 * {@link #of(HistoryStore)} outside them.
 */
public interface SyncStore {

    /** The first block this node keeps. */
    long startBlock();

    /**
     * Stores blocks in one atomic batch; a block already stored with the same header is skipped.
     */
    HistoryStore.WriteResult write(List<? extends StorableBlock> blocks);

    boolean isPresent(long number);

    Optional<Hash> canonicalHash(long number);

    Optional<BlockHeader> header(long number);

    /** The highest block with every block from the start block to it present. */
    OptionalLong contiguousHead();

    /** Maximal runs of present blocks, in order. */
    List<BlockRange> presentRanges();

    /**
     * Drops every block above {@code number} in one atomic batch (a reorg; at most 1,024 blocks).
     */
    void rollbackAbove(long number);

    /** Drops the present blocks of {@code first..last} in one atomic batch, leaving the others. */
    void removeRange(long first, long last);

    /** Trusted hashes the store holds: its checkpoints table and the genesis of its chain. */
    NavigableMap<Long, Hash> checkpoints();

    static SyncStore of(HistoryStore store) {
        return new SyncStore() {
            @Override
            public long startBlock() {
                return store.startBlock();
            }

            @Override
            public HistoryStore.WriteResult write(List<? extends StorableBlock> blocks) {
                return store.write(blocks);
            }

            @Override
            public boolean isPresent(long number) {
                return store.isPresent(number);
            }

            @Override
            public Optional<Hash> canonicalHash(long number) {
                return store.canonicalHash(number);
            }

            @Override
            public Optional<BlockHeader> header(long number) {
                return store.header(number);
            }

            @Override
            public OptionalLong contiguousHead() {
                return store.contiguousHead();
            }

            @Override
            public List<BlockRange> presentRanges() {
                return store.presentRanges();
            }

            @Override
            public void rollbackAbove(long number) {
                store.rollbackAbove(number);
            }

            @Override
            public void removeRange(long first, long last) {
                store.removeRange(first, last);
            }

            @Override
            public NavigableMap<Long, Hash> checkpoints() {
                NavigableMap<Long, Hash> trusted = new TreeMap<>(store.checkpoints());
                trusted.putIfAbsent(0L, store.chain().genesisHash());
                return trusted;
            }
        };
    }
}
