package io.annals.era.export;

import io.annals.core.era.EpochContent;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.core.types.Receipts;
import io.annals.store.HistoryStore;
import io.annals.store.StoredReceipt;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * A range of stored blocks as the eraE writer reads it: by index, from the store each time (the
 * writer passes over the range once per section), with the total difficulties given for the
 * pre-merge blocks.
 */
final class StoredEpoch implements EpochContent {
    private final HistoryStore store;
    private final long start;
    private final int count;
    private final BigInteger[] totalDifficulty;

    /**
     * @param totalDifficulty per block, null from the first proof-of-stake block on
     */
    StoredEpoch(HistoryStore store, long start, int count, BigInteger[] totalDifficulty) {
        this.store = store;
        this.start = start;
        this.count = count;
        this.totalDifficulty = totalDifficulty;
    }

    static BlockHeader header(HistoryStore store, long number) {
        return store.header(number)
                .orElseThrow(() -> new IllegalStateException("block " + number + " is not stored"));
    }

    static byte[] body(HistoryStore store, long number) {
        return store.bodyRlp(number)
                .orElseThrow(() -> new IllegalStateException("block " + number + " is not stored"));
    }

    static List<Receipt> receipts(HistoryStore store, long number) {
        return store
                .receipts(number)
                .orElseThrow(() -> new IllegalStateException("block " + number + " is not stored"))
                .receipts()
                .stream()
                .map(StoredReceipt::receipt)
                .toList();
    }

    @Override
    public long startBlock() {
        return start;
    }

    @Override
    public int blockCount() {
        return count;
    }

    @Override
    public byte[] header(int index) {
        return header(store, start + index).encoding();
    }

    @Override
    public Hash hash(int index) {
        return header(store, start + index).hash();
    }

    @Override
    public byte[] body(int index) {
        return body(store, start + index);
    }

    @Override
    public byte[] slimReceipts(int index) {
        return Receipts.encodeEth69List(receipts(store, start + index));
    }

    @Override
    public Optional<BigInteger> totalDifficulty(int index) {
        return Optional.ofNullable(totalDifficulty[index]);
    }
}
