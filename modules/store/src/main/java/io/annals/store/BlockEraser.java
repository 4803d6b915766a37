package io.annals.store;

import io.annals.core.crypto.Keccak256;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.store.codec.CompactReceipts;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds to a plan the removal of every trace of a range of blocks: header, canonical entry, segment
 * location (the record itself is cleared after the commit), transaction lookups, log-index postings
 * and presence. What to delete is read back from the stored block itself, so nothing but the store
 * has to remember it.
 */
final class BlockEraser {
    private static final Logger LOG = LoggerFactory.getLogger(BlockEraser.class);

    private final SegmentFiles segments;
    private final LogIndex logIndex;

    BlockEraser(SegmentFiles segments, LogIndex logIndex) {
        this.segments = segments;
        this.logIndex = logIndex;
    }

    /** Erases every present block above {@code number}; returns how many. */
    long eraseAbove(LevelDb.ReadView view, WritePlan plan, PresenceRuns presence, long number) {
        long highest = presence.highest().orElse(-1);
        return highest <= number ? 0 : eraseRange(view, plan, presence, number + 1, highest);
    }

    /** Erases every present block of {@code first..last}; returns how many. */
    long eraseRange(
            LevelDb.ReadView view, WritePlan plan, PresenceRuns presence, long first, long last) {
        long erased = 0;
        Set<Long> shards = new HashSet<>();
        for (BlockRange range : presence.presentIn(first, last)) {
            for (long n = range.first(); n <= range.last(); n++) {
                erase(view, plan, n);
                shards.add(n / HistoryStore.SHARD_SIZE);
                erased++;
            }
        }
        for (long shard : shards) {
            plan.remainingEnd(shard, remainingEnd(view, shard, first, last));
        }
        return erased;
    }

    private void erase(LevelDb.ReadView view, WritePlan plan, long n) {
        Batch batch = plan.batch();
        byte[] header = view.get(Keys.header(n));
        if (header == null) {
            throw new StoreCorruptionException(
                    "block " + n + " is marked present but has no header");
        }
        batch.delete(Keys.header(n));
        batch.delete(Keys.canonical(Hash.wrap(Keccak256.hash(header))));
        byte[] locationValue = view.get(Keys.block(n));
        if (locationValue == null) {
            throw new StoreCorruptionException(
                    "block " + n + " has a header but no segment location");
        }
        batch.delete(Keys.block(n));
        SegmentLocation location = SegmentLocation.decode(locationValue, n);
        long shard = n / HistoryStore.SHARD_SIZE;
        plan.dropRecord(shard, location);
        byte[] hashes = segments.read(shard, location.hashesOffset(), location.hashesLength());
        if (hashes != null && WritePlan.crc(hashes) == location.hashesCrc()) {
            for (int at = 0; at < hashes.length; at += Hash.SIZE) {
                batch.delete(
                        Keys.txLookup(
                                java.util.Arrays.copyOfRange(hashes, at, at + Keys.TX_PREFIX), n));
            }
        } else {
            LOG.warn(
                    "Block {}: transaction hashes unreadable, its transaction lookups stay behind (harmless:"
                            + " lookups are checked against the block)",
                    n);
        }
        for (int bucket : postingBuckets(shard, location, n)) {
            plan.postings().remove(n, bucket);
        }
    }

    /** The buckets the block's postings use; all of them when its receipts cannot be read. */
    private int[] postingBuckets(long shard, SegmentLocation location, long n) {
        if (!logIndex.enabled()) {
            return new int[0];
        }
        byte[] value = segments.read(shard, location.receiptsOffset(), location.receiptsLength());
        if (value != null && WritePlan.crc(value) == location.receiptsCrc()) {
            List<Receipt> receipts = CompactReceipts.decode(value);
            LogIndex.Posting[] postings = logIndex.postings(receipts);
            int[] out = new int[postings.length];
            for (int i = 0; i < postings.length; i++) {
                out[i] = postings[i].bucket();
            }
            return out;
        }
        LOG.warn("Block {}: receipts unreadable, deleting every log-index bucket of the block", n);
        int[] all = new int[logIndex.buckets()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return all;
    }

    /** The end of the last record of {@code shard} among its blocks outside {@code first..last}. */
    private static long remainingEnd(LevelDb.ReadView view, long shard, long first, long last) {
        long shardFirst = shard * HistoryStore.SHARD_SIZE;
        long shardLast = shardFirst + HistoryStore.SHARD_SIZE - 1;
        long[] end = {0};
        LevelDb.EntryVisitor keep =
                (key, value) -> {
                    end[0] =
                            Math.max(end[0], SegmentLocation.decode(value, Keys.number(key)).end());
                    return true;
                };
        if (first > shardFirst) {
            view.scan(Keys.block(shardFirst), Keys.block(Math.min(first, shardLast + 1)), keep);
        }
        if (last < shardLast) {
            view.scan(Keys.block(Math.max(last + 1, shardFirst)), Keys.block(shardLast + 1), keep);
        }
        return end[0];
    }
}
