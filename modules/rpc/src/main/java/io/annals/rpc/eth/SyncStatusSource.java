package io.annals.rpc.eth;

import java.util.Optional;

/**
 * What {@code eth_syncing} reports: the node implements it over its sync supervisor's progress (for
 * instance a volatile snapshot the supervisor updates). Called on a Netty event loop: it must
 * answer at once and never block.
 */
@FunctionalInterface
public interface SyncStatusSource {

    /**
     * The sync's progress while the node is still catching up; empty once it follows the chain
     * head.
     */
    Optional<SyncProgress> progress();

    /** A source for a node that is never behind (tests, or a node serving a finished archive). */
    static SyncStatusSource synced() {
        return Optional::empty;
    }

    /**
     * geth's three block counters of {@code eth_syncing}.
     *
     * @param startingBlock where this sync run started
     * @param currentBlock the highest block stored so far
     * @param highestBlock the best head peers announce
     */
    record SyncProgress(long startingBlock, long currentBlock, long highestBlock) {}
}
