package io.annals.sync.ledger;

import io.annals.store.BlockRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongUnaryOperator;

/**
 * Blocks that failed {@code max-attempts-per-block} times. They are served before the normal queue,
 * grouped by shard ({@code block / shard-size}), the shard with the fewest blocks still outstanding
 * first: finishing a shard is what lets its owner (and, later, the cluster) call it done, so the
 * blocks that hold back an almost complete shard go first.
 */
public final class EscalationQueue {

    private final long shardSize;
    private final RunSet blocks = new RunSet();

    public EscalationQueue(long shardSize) {
        this.shardSize = shardSize;
    }

    public long shardOf(long block) {
        return block / shardSize;
    }

    public BlockRange shardRange(long shard) {
        return new BlockRange(shard * shardSize, shard * shardSize + shardSize - 1);
    }

    public boolean add(long block) {
        return blocks.add(block);
    }

    public boolean remove(long block) {
        return blocks.remove(block);
    }

    public long removeRange(long first, long last) {
        return blocks.removeRange(first, last);
    }

    public boolean contains(long block) {
        return blocks.contains(block);
    }

    public long size() {
        return blocks.size();
    }

    public boolean isEmpty() {
        return blocks.isEmpty();
    }

    public long countIn(long first, long last) {
        return blocks.countIn(first, last);
    }

    /** The smallest escalated block at or above {@code block}. */
    public OptionalLong ceiling(long block) {
        return blocks.ceiling(block);
    }

    /** The escalated blocks in ascending order; meant for reports. */
    public List<Long> toList() {
        return blocks.toList();
    }

    public List<BlockRange> runs() {
        return blocks.runs();
    }

    /**
     * The shards that hold escalated blocks, in service order: fewest outstanding blocks first
     * ({@code outstandingInShard} counts every block of the shard not yet persisted), lower shard
     * first on a tie.
     */
    public List<Long> shardsInServiceOrder(LongUnaryOperator outstandingInShard) {
        List<Long> shards = new ArrayList<>();
        for (BlockRange run : blocks.runs()) {
            for (long shard = shardOf(run.first()); shard <= shardOf(run.last()); shard++) {
                if (shards.isEmpty() || shards.get(shards.size() - 1) != shard) {
                    shards.add(shard);
                }
            }
        }
        List<long[]> keyed = new ArrayList<>(shards.size());
        for (long shard : shards) {
            keyed.add(new long[] {outstandingInShard.applyAsLong(shard), shard});
        }
        keyed.sort(Comparator.<long[]>comparingLong(k -> k[0]).thenComparingLong(k -> k[1]));
        List<Long> ordered = new ArrayList<>(keyed.size());
        for (long[] key : keyed) {
            ordered.add(key[1]);
        }
        return ordered;
    }
}
