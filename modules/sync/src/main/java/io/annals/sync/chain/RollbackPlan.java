package io.annals.sync.chain;

import io.annals.core.types.Hash;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the writer is asked to drop and which chain to follow afterwards: the stored blocks from
 * {@code ancestor + 1} to {@code top} (everything above the ancestor when {@code everythingAbove},
 * a reorg at the tip; else one stored run, a segment that lost a conflict), in one atomic batch.
 * The writer re-checks the bounds when it gets to it (blocks may have been written meanwhile) and
 * refuses to drop more than {@code maxDrop} blocks above the ancestor.
 *
 * @param branch the winning chain's block hashes above the ancestor, as far as they are known:
 *     until stored, a block at one of these numbers with another hash is refused
 * @param cause one line for logs and stats
 */
public record RollbackPlan(
        long ancestor,
        long top,
        boolean everythingAbove,
        NavigableMap<Long, Hash> branch,
        long maxDrop,
        String cause) {

    public RollbackPlan {
        Objects.requireNonNull(cause, "cause");
        if (ancestor < -1 || top <= ancestor) {
            throw new IllegalArgumentException(
                    "nothing to drop above " + ancestor + " up to " + top);
        }
        branch =
                Collections.unmodifiableNavigableMap(
                        new TreeMap<>(branch.tailMap(ancestor, false)));
    }
}
