package io.annals.cluster.directory;

import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import java.util.Objects;

/**
 * A run of consecutive blocks a host holds, with the hash of its last block: what another host
 * needs to use this host as a peer for the run (its head and head hash, see {@code HandoverLink}).
 */
public record HeldRun(long first, long last, Hash lastHash) {

    public HeldRun {
        Objects.requireNonNull(lastHash, "lastHash");
        if (first < 0 || last < first) {
            throw new IllegalArgumentException("not a run: " + first + ".." + last);
        }
    }

    public BlockRange range() {
        return BlockRange.of(first, last);
    }

    public boolean contains(long block) {
        return block >= first && block <= last;
    }

    public long size() {
        return last - first + 1;
    }
}
