package io.annals.sync.write;

import io.annals.store.StorableBlock;
import io.annals.sync.model.PeerId;

/**
 * A validated block queued for the store, with the peer that delivered it, its weight in bytes and
 * the branch epoch of the scheduler's assignment it was fetched for: a block fetched before the
 * last rollback is dropped, whatever it is.
 */
record PendingBlock(PeerId peer, StorableBlock block, long bytes, long epoch) implements WriteOp {

    long number() {
        return block.number();
    }

    @Override
    public long weight() {
        return Math.max(1L, bytes);
    }
}
