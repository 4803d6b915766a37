package io.annals.cluster.directory;

import io.annals.store.BlockRange;

/**
 * Who answers for a run of blocks: a live host that holds them (or owns their range), or nobody.
 */
public sealed interface Route {

    BlockRange blocks();

    /** Ask this host. */
    record Member(BlockRange blocks, String member) implements Route {}

    /** Held only by hosts that are not live now: a clear, temporary error. */
    record Unreachable(BlockRange blocks, String member) implements Route {}

    /** Held by nobody (never synced, or below the start block): missing, as on one store. */
    record Missing(BlockRange blocks) implements Route {}
}
