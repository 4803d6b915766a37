package io.annals.core.era;

import io.annals.core.types.Hash;
import java.math.BigInteger;
import java.util.Optional;

/**
 * The blocks of one eraE file, read by index as often as the writer needs them: it writes every
 * header, then every body, then every receipt list, so a store-backed implementation reads each
 * block from disk once per section rather than holding the epoch in memory.
 */
public interface EpochContent {
    long startBlock();

    int blockCount();

    byte[] header(int index);

    Hash hash(int index);

    byte[] body(int index);

    /** The block's receipts in the eth/69 list form ({@link ReceiptForm#SLIM}). */
    byte[] slimReceipts(int index);

    /** The total difficulty of a pre-merge block; empty from the first proof-of-stake block on. */
    Optional<BigInteger> totalDifficulty(int index);
}
