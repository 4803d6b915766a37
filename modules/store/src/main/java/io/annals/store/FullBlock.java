package io.annals.store;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import java.util.List;
import java.util.Objects;

/**
 * Everything the store keeps of one block: its header, its body (transactions, ommers, withdrawals)
 * and one receipt per transaction. The store does not validate roots on write; the caller (sync)
 * writes only blocks whose body and receipts match their header.
 */
public record FullBlock(BlockHeader header, BlockBody body, List<Receipt> receipts)
        implements StorableBlock {
    public FullBlock {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(body, "body");
        receipts = List.copyOf(receipts);
        if (receipts.size() != body.transactions().size()) {
            throw new IllegalArgumentException(
                    "block "
                            + Long.toUnsignedString(header.number())
                            + " has "
                            + body.transactions().size()
                            + " transactions but "
                            + receipts.size()
                            + " receipts");
        }
    }

    @Override
    public long number() {
        return header.number();
    }

    @Override
    public Hash hash() {
        return header.hash();
    }

    /** Encodes it for the store: the body's RLP, compact receipts, the transaction hashes. */
    @Override
    public EncodedBlock encoded() {
        return EncodedBlock.of(this);
    }
}
