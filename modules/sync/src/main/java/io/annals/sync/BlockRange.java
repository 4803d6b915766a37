package io.annals.sync;

import java.util.ArrayList;
import java.util.List;

/** An inclusive, non-empty run of block numbers: a target range or one contiguous batch. */
public record BlockRange(long first, long last) {

    public BlockRange {
        if (first < 0) {
            throw new IllegalArgumentException("block numbers are not negative: " + first);
        }
        if (last < first) {
            throw new IllegalArgumentException("empty range " + first + ".." + last);
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

    public boolean contains(long block) {
        return block >= first && block <= last;
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
