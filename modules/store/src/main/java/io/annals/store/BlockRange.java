package io.annals.store;

/** The block numbers {@code first..last}, both included. */
public record BlockRange(long first, long last) {
    public BlockRange {
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("not a block range: " + first + ".." + last);
        }
    }

    public long size() {
        return last - first + 1;
    }

    public boolean contains(long number) {
        return number >= first && number <= last;
    }

    @Override
    public String toString() {
        return first + ".." + last;
    }
}
