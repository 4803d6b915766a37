package io.annals.store;

import io.annals.core.types.Hash;
import java.util.List;

/** The receipts of one stored block, in transaction order. */
public record BlockReceipts(long blockNumber, Hash blockHash, List<StoredReceipt> receipts) {
    public BlockReceipts {
        receipts = List.copyOf(receipts);
    }
}
