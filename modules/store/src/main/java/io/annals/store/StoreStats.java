package io.annals.store;

import java.util.List;
import java.util.Map;

/**
 * What a store holds, for {@code annals db stats}: its identity, the blocks and the gaps between
 * them, and the exact entries and bytes of each LevelDB table (read by one scan of the index: about
 * 10 KB per block) and of the segment files.
 *
 * @param logIndexPairs whether the log index holds (address, topic 0) pairs (stores created before
 *     pairs existed do not)
 * @param runs the runs of consecutive present blocks, in order
 * @param gaps the runs missing between the first and the last present block
 * @param tables entries and bytes (keys plus values) per table, in key order
 * @param segmentFiles segment files and their committed bytes, by shard
 */
public record StoreStats(
        ChainIdentity chain,
        int schemaVersion,
        long startBlock,
        int logIndexBuckets,
        boolean logIndexPairs,
        long blocks,
        List<BlockRange> runs,
        List<BlockRange> gaps,
        List<Table> tables,
        Map<Long, Long> segmentFiles) {

    /** One LevelDB table: its one-byte key prefix and what it holds. */
    public record Table(char prefix, String name, long entries, long bytes) {}

    public StoreStats {
        runs = List.copyOf(runs);
        gaps = List.copyOf(gaps);
        tables = List.copyOf(tables);
        segmentFiles = Map.copyOf(segmentFiles);
    }

    public long segmentBytes() {
        return segmentFiles.values().stream().mapToLong(Long::longValue).sum();
    }

    public long indexBytes() {
        return tables.stream().mapToLong(Table::bytes).sum();
    }

    /** The log index's share of the LevelDB part. */
    public Table logIndex() {
        return tables.stream()
                .filter(t -> t.prefix() == Keys.LOG_INDEX)
                .findFirst()
                .orElse(new Table((char) Keys.LOG_INDEX, "log index", 0, 0));
    }
}
