package io.annals.sync.write;

import io.annals.store.StorableBlock;

/**
 * A block whose body and receipts matched its header at the peer actor, with its share of the
 * response bytes (the writer weighs its batches by these).
 */
public record ValidatedBlock(StorableBlock block, long bytes) {

    public long number() {
        return block.number();
    }
}
