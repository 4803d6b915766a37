package io.annals.cluster.range;

import io.annals.store.BlockRange;
import io.annals.store.HistoryStore;
import io.annals.sync.write.ForwardingSyncStore;
import io.annals.sync.write.SyncStore;
import java.util.List;
import java.util.OptionalLong;

/**
 * The store as a cluster host's sync engine sees it. One thing differs from the store itself: the
 * contiguous head counts only the blocks this host must hold ({@link Ownership#required()}), so a
 * host that owns ranges 3 and 7 and runs the tip reports how far those are complete, as a single
 * node reports how far its whole history is. The engine's chain guard compares the agreed head with
 * the store at that head, the head tracker reports its lag from it, and the writer announces it
 * after each write; with the plain store's head (every block from the start block) a host that does
 * not own the first range would never have one. Everything else passes through.
 */
public final class OwnedStore extends ForwardingSyncStore {
    private final OwnershipHolder ownership;

    public OwnedStore(SyncStore store, OwnershipHolder ownership) {
        super(store);
        this.ownership = ownership;
    }

    public static OwnedStore of(HistoryStore store, OwnershipHolder ownership) {
        return new OwnedStore(SyncStore.of(store), ownership);
    }

    /**
     * The block before the first required block that is not stored; the last required block when
     * all are stored; empty when nothing is required or the first required block is missing at the
     * start block.
     */
    @Override
    public OptionalLong contiguousHead() {
        return contiguousHead(
                ownership.get().required(), delegate().presentRanges(), delegate().startBlock());
    }

    static OptionalLong contiguousHead(
            List<BlockRange> required, List<BlockRange> present, long startBlock) {
        if (required.isEmpty()) {
            return OptionalLong.empty();
        }
        long head = required.get(required.size() - 1).last();
        for (BlockRange need : required) {
            long firstMissing = firstMissing(need, present);
            if (firstMissing <= need.last()) {
                head = firstMissing - 1;
                break;
            }
        }
        return head < startBlock ? OptionalLong.empty() : OptionalLong.of(head);
    }

    private static long firstMissing(BlockRange need, List<BlockRange> present) {
        long at = need.first();
        for (BlockRange run : present) {
            if (run.last() < at) {
                continue;
            }
            if (run.first() > at) {
                return at;
            }
            at = run.last() + 1;
            if (at > need.last()) {
                return at;
            }
        }
        return at;
    }
}
