package io.annals.store;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Transaction;
import io.annals.core.util.ByteSlice;
import io.annals.store.codec.CompactReceipts;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A block in the encodings the store writes, so that the store's single writer only copies bytes:
 * its header, its body RLP (as received: a view of the response it came in), its receipts in the
 * compact form ({@link CompactReceipts}) and its transaction hashes, 32 bytes each in block order.
 *
 * <p>Sync builds these on the threads that validate the blocks, where the body, receipts and hashes
 * are at hand, and holds nothing else while a block waits for the writer: a few hundred kilobytes
 * of arrays instead of a graph of thousands of objects that every young collection would copy. The
 * store trusts the parts to belong together, as it trusts a {@link FullBlock}'s roots.
 */
public record EncodedBlock(
        BlockHeader header, ByteSlice body, byte[] compactReceipts, byte[] transactionHashes)
        implements StorableBlock {
    public EncodedBlock {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(compactReceipts, "compactReceipts");
        if (transactionHashes.length % Hash.SIZE != 0) {
            throw new IllegalArgumentException(
                    "transaction hashes must be 32 bytes each, got " + transactionHashes.length);
        }
    }

    /** Encodes a decoded block; the body's received bytes are used when it has them. */
    public static EncodedBlock of(FullBlock block) {
        return new EncodedBlock(
                block.header(),
                block.body().encoded(),
                CompactReceipts.encode(block.receipts()),
                hashes(block.body().transactions()));
    }

    /** The transactions' hashes back to back (memoised ones are not recomputed). */
    public static byte[] hashes(List<Transaction> transactions) {
        byte[] hashes = new byte[Hash.SIZE * transactions.size()];
        for (int i = 0; i < transactions.size(); i++) {
            System.arraycopy(
                    transactions.get(i).hash().unsafeArray(), 0, hashes, Hash.SIZE * i, Hash.SIZE);
        }
        return hashes;
    }

    public int transactionCount() {
        return transactionHashes.length / Hash.SIZE;
    }

    @Override
    public EncodedBlock encoded() {
        return this;
    }

    /** Equal when every part has the same bytes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof EncodedBlock b
                && header.equals(b.header)
                && body.equals(b.body)
                && Arrays.equals(compactReceipts, b.compactReceipts)
                && Arrays.equals(transactionHashes, b.transactionHashes);
    }

    @Override
    public int hashCode() {
        return header.hashCode();
    }

    @Override
    public String toString() {
        return "EncodedBlock{number="
                + Long.toUnsignedString(number())
                + ", body="
                + body.length()
                + " B, receipts="
                + compactReceipts.length
                + " B, transactions="
                + transactionCount()
                + "}";
    }
}
