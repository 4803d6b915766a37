package io.annals.cluster.directory;

import io.annals.cluster.wire.ClusterMessage;
import java.util.List;
import java.util.Objects;

/**
 * What one host holds of one range, as its store says: the runs present within the range (the first
 * {@link #MAX_RUNS}, lowest first) and whether the host owns the range (its entity runs there) or
 * only still has blocks of it (a range it lost, or the tip window of a range owned elsewhere).
 * Written by that host only, from its store: the directory is derived from the stores and is never
 * the only record of what is done.
 */
public record Holding(long range, String member, boolean owned, List<HeldRun> runs)
        implements ClusterMessage {

    /** Runs kept per holding; a store with more gaps in one range is shown by its lowest runs. */
    public static final int MAX_RUNS = 16;

    public Holding {
        Objects.requireNonNull(member, "member");
        runs = List.copyOf(runs);
        if (runs.size() > MAX_RUNS) {
            throw new IllegalArgumentException("at most " + MAX_RUNS + " runs, got " + runs.size());
        }
    }

    /** The key of this holding in the directory's map. */
    public String key() {
        return key(range, member);
    }

    public static String key(long range, String member) {
        return range + "/" + member;
    }

    public long blocks() {
        return runs.stream().mapToLong(HeldRun::size).sum();
    }

    /** The run holding {@code block}, if any. */
    public java.util.Optional<HeldRun> runHolding(long block) {
        return runs.stream().filter(run -> run.contains(block)).findFirst();
    }
}
