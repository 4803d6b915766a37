package io.annals.store;

import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import io.annals.store.codec.ByteSink;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * One atomic change to the store under construction: a LevelDB batch plus the segment records
 * appended for it and the records it drops. Built by the writer, then committed by {@link #commit}:
 * segment data first (forced to disk with sync writes), then the batch that references it; on
 * failure the appended bytes are cut off again, so a failed write leaves nothing.
 */
final class WritePlan implements AutoCloseable {
    /**
     * A dropped block's record, cleared from its segment once the batch that unreferences it
     * commits.
     */
    record DroppedRecord(long shard, long offset, long length) {}

    private final LevelDb db;
    private final SegmentFiles segments;
    private final LogIndex logIndex;
    private final Batch batch;
    private final PostingGroups postings;

    /** Each touched shard's file end before this plan appended to it. */
    private final Map<Long, Long> appendedFrom = new LinkedHashMap<>();

    /** Each shard with dropped records: the end of its remaining records. */
    private final Map<Long, Long> remainingEnds = new HashMap<>();

    private final List<DroppedRecord> dropped = new ArrayList<>();
    private long blockBytes;

    /** A plan over the state {@code view} shows, in which {@code before} is present. */
    WritePlan(
            LevelDb db,
            SegmentFiles segments,
            LogIndex logIndex,
            LevelDb.ReadView view,
            PresenceRuns before) {
        this.db = db;
        this.segments = segments;
        this.logIndex = logIndex;
        this.postings = new PostingGroups(view, before, logIndex.buckets());
        this.batch = db.newBatch();
    }

    Batch batch() {
        return batch;
    }

    PostingGroups postings() {
        return postings;
    }

    /**
     * Adds everything of one block: its segment record and all its LevelDB entries. The block comes
     * encoded, so this only copies its bytes and derives the keys.
     */
    void addBlock(EncodedBlock block) {
        long number = block.number();
        ByteSlice body = block.body();
        byte[] receipts = block.compactReceipts();
        byte[] hashes = block.transactionHashes();
        long shard = number / HistoryStore.SHARD_SIZE;
        appendedFrom.putIfAbsent(shard, segments.end(shard));
        long offset = segments.append(shard, body, ByteSlice.of(receipts), ByteSlice.of(hashes));
        SegmentLocation location =
                new SegmentLocation(
                        offset,
                        body.length(),
                        receipts.length,
                        block.transactionCount(),
                        crc(body),
                        crc(ByteSlice.of(receipts)),
                        crc(ByteSlice.of(hashes)),
                        new BlockReader.BlockStamp(block.hash(), block.header().timestamp()));
        byte[] header = block.header().unsafeEncoding();
        batch.put(Keys.header(number), header);
        batch.put(
                Keys.canonical(block.hash()), new ByteSink(10).writeVarLong(number).toByteArray());
        batch.put(Keys.block(number), location.encode());
        putTransactionLookups(number, hashes);
        postings.add(number, logIndex.postings(receipts));
        blockBytes += header.length + body.length() + receipts.length + hashes.length;
    }

    /**
     * One key per distinct 8-byte hash prefix; two transactions of a block sharing one keep both
     * indices.
     */
    private void putTransactionLookups(long number, byte[] hashes) {
        Map<Long, ByteSink> byPrefix = new LinkedHashMap<>();
        for (int i = 0; i * Hash.SIZE < hashes.length; i++) {
            byPrefix.computeIfAbsent(Keys.readLong(hashes, i * Hash.SIZE), p -> new ByteSink(4))
                    .writeVarLong(i);
        }
        byte[] prefix = new byte[Keys.TX_PREFIX];
        byPrefix.forEach(
                (p, indices) -> {
                    Keys.putLong(prefix, 0, p);
                    batch.put(Keys.txLookup(prefix, number), indices.toByteArray());
                });
    }

    /** Records that a block's segment record is dropped by this plan. */
    void dropRecord(long shard, SegmentLocation location) {
        dropped.add(new DroppedRecord(shard, location.offset(), location.length()));
    }

    /** The end of the records that remain in {@code shard} once this plan's drops are committed. */
    void remainingEnd(long shard, long end) {
        remainingEnds.put(shard, end);
    }

    /**
     * Puts the touched log-index entries, every touched segment file's committed end and the
     * presence change.
     */
    void finish(PresenceRuns.Change presence) {
        postings.flush(batch);
        for (long shard : remainingEnds.keySet()) {
            batch.put(Keys.segmentEnd(shard), varint(committedEnd(shard)));
        }
        for (long shard : appendedFrom.keySet()) {
            if (!remainingEnds.containsKey(shard)) {
                batch.put(Keys.segmentEnd(shard), varint(segments.end(shard)));
            }
        }
        for (long first : presence.deleted()) {
            batch.delete(Keys.presence(first));
        }
        presence.put()
                .forEach(
                        (first, last) ->
                                batch.put(
                                        Keys.presence(first),
                                        new ByteSink(8).writeLong(last).toByteArray()));
    }

    /**
     * Makes the plan durable: appended segment data first, then the batch. On failure the appended
     * bytes are cut off and the exception propagates; nothing of the plan remains.
     */
    void commit(boolean sync) {
        try {
            if (sync) {
                segments.force(appendedFrom.keySet());
            }
            db.write(batch);
        } catch (RuntimeException e) {
            abandon(e);
            throw e;
        }
        clearDropped();
    }

    /**
     * Cuts every appended record off again: the plan failed with {@code cause} before or during its
     * commit. Should that fail too, the next open cuts the same bytes (they are past the committed
     * end).
     */
    void abandon(RuntimeException cause) {
        appendedFrom.forEach(
                (shard, end) -> {
                    try {
                        segments.truncate(shard, end);
                    } catch (RuntimeException e) {
                        cause.addSuppressed(e);
                    }
                });
    }

    long blockBytes() {
        return blockBytes;
    }

    /** After the commit: cut dropped tails off, and zero dropped records that newer ones follow. */
    private void clearDropped() {
        for (Map.Entry<Long, Long> entry : remainingEnds.entrySet()) {
            long shard = entry.getKey();
            long committed = committedEnd(shard);
            if (segments.end(shard) > committed) {
                segments.truncate(shard, committed);
            }
        }
        for (DroppedRecord record : dropped) {
            long end = segments.end(record.shard());
            if (record.offset() < end) {
                segments.zero(
                        record.shard(),
                        record.offset(),
                        Math.min(record.length(), end - record.offset()));
            }
        }
    }

    /**
     * A shard's end after the commit: the file end if this plan appended to it, else its remaining
     * records' end.
     */
    private long committedEnd(long shard) {
        return appendedFrom.containsKey(shard) ? segments.end(shard) : remainingEnds.get(shard);
    }

    private static byte[] varint(long value) {
        return new ByteSink(10).writeVarLong(value).toByteArray();
    }

    static int crc(byte[] bytes) {
        return crc(ByteSlice.of(bytes));
    }

    static int crc(ByteSlice bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes.array(), bytes.offset(), bytes.length());
        return (int) crc.getValue();
    }

    @Override
    public void close() {
        batch.close();
    }
}
