package io.annals.cluster.range;

import io.annals.store.BlockRange;
import java.util.List;
import java.util.Set;

/**
 * What this host owns right now, as the {@link RangeKeeper} last published it: the ranges whose
 * entities run here, and the blocks it must hold (their sealed parts and, on the tip host, the
 * window above its floor). An immutable value; the keeper replaces it whole.
 */
public record Ownership(Set<Long> ranges, List<BlockRange> required) {

    public static final Ownership NONE = new Ownership(Set.of(), List.of());

    public Ownership {
        ranges = Set.copyOf(ranges);
        required = List.copyOf(required);
    }

    public boolean owns(long range) {
        return ranges.contains(range);
    }
}
