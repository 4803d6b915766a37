package io.annals.store;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;

/**
 * A block the store can write: decoded ({@link FullBlock}) or already in the stored encodings
 * ({@link EncodedBlock}, what sync hands the writer). The store writes {@link #encoded()}.
 */
public sealed interface StorableBlock permits FullBlock, EncodedBlock {
    BlockHeader header();

    /** The block in the store's encodings: body RLP, compact receipts, transaction hashes. */
    EncodedBlock encoded();

    default long number() {
        return header().number();
    }

    default Hash hash() {
        return header().hash();
    }
}
