package io.annals.cluster.range;

import io.annals.store.BlockRange;
import java.util.ArrayList;
import java.util.List;

/**
 * How the history is cut into ranges: range {@code r} holds the blocks {@code r * shardBlocks} to
 * {@code (r + 1) * shardBlocks - 1}, counted from block 0 so that every host cuts alike, and the
 * ranges below the configured start block do not exist (the first one begins at the start block).
 * Each range is one sharding entity, named by its index.
 */
public record RangeMap(long startBlock, long shardBlocks) {

    public RangeMap {
        if (startBlock < 0) {
            throw new IllegalArgumentException("start block must not be negative: " + startBlock);
        }
        if (shardBlocks < 1) {
            throw new IllegalArgumentException("shard-blocks must be positive: " + shardBlocks);
        }
    }

    /** The index of the range holding {@code block}. */
    public long rangeOf(long block) {
        return block / shardBlocks;
    }

    /** The first range that exists. */
    public long firstRange() {
        return rangeOf(startBlock);
    }

    /** The blocks of range {@code index} this history keeps. */
    public BlockRange bounds(long index) {
        if (index < firstRange()) {
            throw new IllegalArgumentException(
                    "range " + index + " lies below the start block " + startBlock);
        }
        long first = Math.max(startBlock, index * shardBlocks);
        return BlockRange.of(first, index * shardBlocks + shardBlocks - 1);
    }

    /** The entity id of range {@code index}. */
    public static String entityId(long index) {
        return Long.toString(index);
    }

    /** The range index of an entity id. */
    public static long index(String entityId) {
        return Long.parseLong(entityId);
    }

    /**
     * {@code from..to} cut at range boundaries (and at the start block), in order: one piece per
     * range it touches, and one for the blocks below the start block, if any (empty when {@code to
     * < from}).
     */
    public List<BlockRange> split(long from, long to) {
        List<BlockRange> pieces = new ArrayList<>();
        long first = from;
        while (first <= to) {
            long end =
                    first < startBlock
                            ? startBlock - 1
                            : rangeOf(first) * shardBlocks + shardBlocks - 1;
            long last = Math.min(to, end);
            pieces.add(BlockRange.of(first, last));
            first = last + 1;
        }
        return pieces;
    }
}
