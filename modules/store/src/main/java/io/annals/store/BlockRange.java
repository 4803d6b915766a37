package io.annals.store;

import java.util.ArrayList;
import java.util.List;

/**
 * The block numbers {@code first..last}, both included, never empty: a target range, a stored run
 * or one contiguous batch. The one range type of the store and the sync engine.
 */
public record BlockRange(long first, long last) {
    public BlockRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("not a block range: " + first + ".." + last);
        }
    }

    public static BlockRange of(long first, long last) {
        return new BlockRange(first, last);
    }

    public static BlockRange single(long block) {
        return new BlockRange(block, block);
    }

    public long size() {
        return last - first + 1;
    }

    public boolean contains(long number) {
        return number >= first && number <= last;
    }

    /** The block numbers of a small range (a batch), in ascending order. */
    public List<Long> blocks() {
        if (size() > Integer.MAX_VALUE) {
            throw new IllegalStateException("range too large to list: " + this);
        }
        List<Long> blocks = new ArrayList<>((int) size());
        for (long block = first; block <= last; block++) {
            blocks.add(block);
        }
        return blocks;
    }

    @Override
    public String toString() {
        return first == last ? Long.toString(first) : first + ".." + last;
    }
}
