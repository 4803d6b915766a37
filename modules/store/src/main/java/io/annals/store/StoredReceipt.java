package io.annals.store;

import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import java.util.List;

/**
 * A receipt with what RPC adds to it: its transaction's index and hash, the gas this transaction
 * used (the difference of consecutive cumulative gas values) and its logs with block-level indices.
 */
public record StoredReceipt(
        int transactionIndex,
        Hash transactionHash,
        Receipt receipt,
        long gasUsed,
        List<LogEntry> logs) {
    public StoredReceipt {
        logs = List.copyOf(logs);
    }
}
