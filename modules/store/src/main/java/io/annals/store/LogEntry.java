package io.annals.store;

import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import java.util.Objects;

/**
 * A log with its position in the chain, as {@code eth_getLogs} and receipts report it.
 *
 * @param blockTimestamp the timestamp of the block's header (JSON-RPC logs carry it, as geth's do)
 * @param logIndex the log's index within its block (counted over all the block's receipts)
 */
public record LogEntry(
        long blockNumber,
        Hash blockHash,
        long blockTimestamp,
        int transactionIndex,
        Hash transactionHash,
        int logIndex,
        Log log) {
    public LogEntry {
        Objects.requireNonNull(blockHash, "blockHash");
        Objects.requireNonNull(transactionHash, "transactionHash");
        Objects.requireNonNull(log, "log");
    }

    /**
     * Always false: the store holds canonical blocks only, and a rollback deletes a dropped block's
     * logs.
     */
    public boolean removed() {
        return false;
    }
}
