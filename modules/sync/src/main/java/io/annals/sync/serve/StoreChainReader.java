package io.annals.sync.serve;

import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.p2p.eth.AnnouncedRange;
import io.annals.p2p.eth.ChainReader;
import io.annals.store.HistoryStore;
import io.annals.store.StoredReceipt;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Serves the eth protocol from the history store: headers and bodies as stored (no re-encoding),
 * receipts converted from the store's compact form to eth/69. The served range is the contiguous
 * run from the store's earliest block to its contiguous head, so a peer is never promised a block
 * above a gap. Reads block on disk; the eth layer calls them from its worker executor.
 */
public final class StoreChainReader implements ChainReader {
    private final HistoryStore store;
    private final Hash genesisHash;

    public StoreChainReader(HistoryStore store, Hash genesisHash) {
        this.store = store;
        this.genesisHash = genesisHash;
    }

    @Override
    public AnnouncedRange availableRange() {
        OptionalLong head = store.contiguousHead();
        if (head.isEmpty()) {
            return new AnnouncedRange(0, 0, genesisHash);
        }
        long latest = head.getAsLong();
        long earliest = store.earliestBlock().orElse(latest);
        return new AnnouncedRange(
                earliest, latest, store.canonicalHash(latest).orElse(genesisHash));
    }

    @Override
    public Optional<byte[]> headerRlp(long number) {
        return store.header(number).map(header -> header.encoding());
    }

    @Override
    public OptionalLong numberOf(Hash hash) {
        return store.blockNumber(hash);
    }

    @Override
    public Optional<byte[]> bodyRlp(Hash hash) {
        OptionalLong number = store.blockNumber(hash);
        return number.isPresent() ? store.bodyRlp(number.getAsLong()) : Optional.empty();
    }

    @Override
    public Optional<byte[]> receiptsEth69(Hash hash) {
        OptionalLong number = store.blockNumber(hash);
        if (number.isEmpty()) {
            return Optional.empty();
        }
        return store.receipts(number.getAsLong())
                .map(
                        block -> {
                            List<Receipt> receipts =
                                    block.receipts().stream().map(StoredReceipt::receipt).toList();
                            return Receipts.encodeEth69List(receipts);
                        });
    }
}
