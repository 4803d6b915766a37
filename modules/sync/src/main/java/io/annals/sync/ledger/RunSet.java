package io.annals.sync.ledger;

import io.annals.store.BlockRange;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * A set of block numbers kept as sorted, disjoint, non-adjacent runs. It does the job of a min-heap
 * without duplicates (lowest block first, membership, removal) in memory proportional to the number
 * of gaps rather than the number of blocks: a fresh 10,000-block shard is one entry, where a heap
 * of boxed longs would hold 10,000.
 */
public final class RunSet {

    /** first block of a run → last block of that run (inclusive). */
    private final NavigableMap<Long, Long> runs = new TreeMap<>();

    private long size;

    public boolean isEmpty() {
        return size == 0;
    }

    public long size() {
        return size;
    }

    public boolean contains(long block) {
        Map.Entry<Long, Long> run = runs.floorEntry(block);
        return run != null && run.getValue() >= block;
    }

    public OptionalLong first() {
        return runs.isEmpty() ? OptionalLong.empty() : OptionalLong.of(runs.firstKey());
    }

    /** Adds one block; false when it was already present. */
    public boolean add(long block) {
        return addRange(block, block) == 1;
    }

    /** Adds every block of first..last; returns how many were not present before. */
    public long addRange(long first, long last) {
        requireOrdered(first, last);
        long before = size;
        long newFirst = first;
        long newLast = last;
        // swallow every run that overlaps or touches [first, last]
        Map.Entry<Long, Long> left = runs.floorEntry(first);
        if (left != null && left.getValue() >= first - 1) {
            newFirst = left.getKey();
            newLast = Math.max(newLast, left.getValue());
            removeRun(left.getKey());
        }
        Map.Entry<Long, Long> next = runs.ceilingEntry(newFirst);
        while (next != null && next.getKey() <= newLast + 1) {
            newLast = Math.max(newLast, next.getValue());
            removeRun(next.getKey());
            next = runs.ceilingEntry(newFirst);
        }
        runs.put(newFirst, newLast);
        size += newLast - newFirst + 1;
        return size - before;
    }

    public boolean remove(long block) {
        return removeRange(block, block) == 1;
    }

    /** Removes every block of first..last; returns how many were present. */
    public long removeRange(long first, long last) {
        requireOrdered(first, last);
        long before = size;
        Map.Entry<Long, Long> run = runs.floorEntry(first);
        if (run == null || run.getValue() < first) {
            run = runs.higherEntry(first);
        }
        while (run != null && run.getKey() <= last) {
            long runFirst = run.getKey();
            long runLast = run.getValue();
            removeRun(runFirst);
            if (runFirst < first) {
                putRun(runFirst, first - 1);
            }
            if (runLast > last) {
                putRun(last + 1, runLast);
            }
            run = runs.higherEntry(runFirst);
        }
        return before - size;
    }

    /** How many members lie in first..last. */
    public long countIn(long first, long last) {
        requireOrdered(first, last);
        long count = 0;
        Map.Entry<Long, Long> run = runs.floorEntry(first);
        if (run == null || run.getValue() < first) {
            run = runs.higherEntry(first);
        }
        while (run != null && run.getKey() <= last) {
            count += Math.min(run.getValue(), last) - Math.max(run.getKey(), first) + 1;
            run = runs.higherEntry(run.getKey());
        }
        return count;
    }

    /** The smallest member that is at least {@code block}. */
    public OptionalLong ceiling(long block) {
        Map.Entry<Long, Long> run = runs.floorEntry(block);
        if (run != null && run.getValue() >= block) {
            return OptionalLong.of(block);
        }
        Long next = runs.higherKey(block);
        return next == null ? OptionalLong.empty() : OptionalLong.of(next);
    }

    /** The runs in ascending order, as an immutable copy. */
    public List<BlockRange> runs() {
        List<BlockRange> copy = new ArrayList<>(runs.size());
        runs.forEach((first, last) -> copy.add(new BlockRange(first, last)));
        return Collections.unmodifiableList(copy);
    }

    /** The parts of runs that lie in first..last, ascending, as an immutable copy. */
    public List<BlockRange> runsWithin(long first, long last) {
        requireOrdered(first, last);
        List<BlockRange> within = new ArrayList<>();
        Map.Entry<Long, Long> run = runs.floorEntry(first);
        if (run == null || run.getValue() < first) {
            run = runs.higherEntry(first);
        }
        while (run != null && run.getKey() <= last) {
            within.add(
                    new BlockRange(Math.max(run.getKey(), first), Math.min(run.getValue(), last)));
            run = runs.higherEntry(run.getKey());
        }
        return Collections.unmodifiableList(within);
    }

    /** Every member in ascending order; meant for small sets (reports, tests). */
    public List<Long> toList() {
        List<Long> blocks = new ArrayList<>();
        runs.forEach(
                (first, last) -> {
                    for (long block = first; block <= last; block++) {
                        blocks.add(block);
                    }
                });
        return blocks;
    }

    private void removeRun(long first) {
        Long last = runs.remove(first);
        size -= last - first + 1;
    }

    private void putRun(long first, long last) {
        runs.put(first, last);
        size += last - first + 1;
    }

    private static void requireOrdered(long first, long last) {
        if (last < first) {
            throw new IllegalArgumentException("empty range " + first + ".." + last);
        }
    }

    @Override
    public String toString() {
        return runs().toString();
    }
}
