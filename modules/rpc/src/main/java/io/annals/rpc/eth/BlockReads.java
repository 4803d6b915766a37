package io.annals.rpc.eth;

import io.annals.core.types.Address;
import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Transaction;
import io.annals.store.BlockReceipts;
import io.annals.store.HistoryReader;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads whole blocks and receipt lists that are consistent with one header. The store answers each
 * read from its own snapshot, so a reorg between two reads could pair one block's header with
 * another's body; every composite read here ends by checking that the header's hash is still the
 * stored one at that number, and reads again if it is not.
 */
final class BlockReads {
    /** A reorg during a read is rare; two in a row rarer still. Past this, answer "not found". */
    private static final int ATTEMPTS = 3;

    private final HistoryReader store;
    private final SenderCache senders;

    BlockReads(HistoryReader store, SenderCache senders) {
        this.store = store;
        this.senders = senders;
    }

    Optional<StoredBlock> block(long number) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<BlockHeader> header = store.header(number);
            if (header.isEmpty()) {
                return Optional.empty();
            }
            Optional<byte[]> bodyRlp = store.bodyRlp(number);
            Optional<List<Hash>> hashes = store.transactionHashes(number);
            if (bodyRlp.isPresent() && hashes.isPresent() && stillStored(header.get())) {
                return Optional.of(
                        new StoredBlock(
                                header.get(),
                                bodyRlp.get(),
                                BlockBody.decode(bodyRlp.get()),
                                hashes.get()));
            }
        }
        return Optional.empty();
    }

    Optional<StoredBlock> block(Hash hash) {
        OptionalLong number = store.blockNumber(hash);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        return block(number.getAsLong()).filter(b -> b.header().hash().equals(hash));
    }

    /** The block's receipts together with its header. */
    Optional<HeaderAndReceipts> receipts(long number) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<BlockHeader> header = store.header(number);
            if (header.isEmpty()) {
                return Optional.empty();
            }
            Optional<BlockReceipts> receipts = store.receipts(number);
            if (receipts.isPresent() && receipts.get().blockHash().equals(header.get().hash())) {
                return Optional.of(new HeaderAndReceipts(header.get(), receipts.get()));
            }
        }
        return Optional.empty();
    }

    /** The block and its receipts, both of the same stored block. */
    Optional<BlockWithReceipts> blockWithReceipts(long number) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredBlock> block = block(number);
            if (block.isEmpty()) {
                return Optional.empty();
            }
            Optional<BlockReceipts> receipts = store.receipts(number);
            if (receipts.isPresent()
                    && receipts.get().blockHash().equals(block.get().header().hash())) {
                return Optional.of(new BlockWithReceipts(block.get(), receipts.get()));
            }
        }
        return Optional.empty();
    }

    Address sender(Hash txHash, Transaction tx) {
        return senders.sender(txHash, tx);
    }

    private boolean stillStored(BlockHeader header) {
        return store.canonicalHash(header.number()).map(header.hash()::equals).orElse(false);
    }

    record BlockWithReceipts(StoredBlock block, BlockReceipts receipts) {}

    record HeaderAndReceipts(BlockHeader header, BlockReceipts receipts) {}
}
