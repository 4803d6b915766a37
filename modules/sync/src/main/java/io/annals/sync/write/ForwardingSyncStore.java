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

/**
 * A {@link SyncStore} that passes every call to another one: the base of stores that change one
 * call around a real store and pass the rest (a cluster host's view of its owned head; in tests,
 * counting the writes or failing them as a full disk does).
 */
public abstract class ForwardingSyncStore implements SyncStore {

    private final SyncStore store;

    protected ForwardingSyncStore(SyncStore store) {
        this.store = store;
    }

    /** The store calls pass to. */
    protected final SyncStore delegate() {
        return store;
    }

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
        return store.checkpoints();
    }
}
