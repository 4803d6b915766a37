package io.annals.core.era;

import io.annals.core.types.Hash;
import java.util.Optional;

/**
 * An era file whose structure has been checked (every entry's header, the block index against the
 * entries it points to), read one block at a time. Opened by {@link EraFiles#open}; the caller owns
 * and closes the channel. Not thread-safe.
 */
public sealed interface EraFile permits Era1File, EraEFile {

    EraKind kind();

    /** The first block's number. */
    long startBlock();

    int blockCount();

    /**
     * The accumulator root the file carries (era1 always; eraE for epochs with pre-merge blocks).
     */
    Optional<Hash> accumulatorRoot();

    /** How the file holds receipts; empty for an eraE file without them. */
    Optional<ReceiptForm> receiptForm();

    /** Reads block {@code startBlock() + index}, decompressing within the file's limits. */
    EraBlock block(int index);

    /** Only the header RLP of block {@code startBlock() + index}. */
    byte[] header(int index);

    /** Only the body RLP of block {@code startBlock() + index}. */
    byte[] body(int index);

    /** Only the receipts of block {@code startBlock() + index}, in {@link #receiptForm()}. */
    byte[] receipts(int index);

    default long lastBlock() {
        return startBlock() + blockCount() - 1;
    }
}
