package io.annals.sync.ledger;

import io.annals.sync.BlockRange;
import io.annals.sync.PeerId;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * How a rollback of the store changes the scheduling state. Every outstanding assignment predates
 * it and the writer will drop what it delivers, so when {@code cutOutstanding} each block in flight
 * or awaiting durability waits again, with no penalty to anyone, and the peers whose batches were
 * cut are returned (their reports on those batches mean nothing now). The blocks the rollback
 * dropped are fetched again: withdrawn (waiting blocks, in-flight ones, attempts and backoff
 * entries are forgotten) and added afresh. A part of {@link SchedulingState} in its own file.
 */
final class Rebranch {

    private Rebranch() {}

    static Set<PeerId> apply(
            SchedulingState state, boolean cutOutstanding, Optional<BlockRange> refetch) {
        BlockTracker tracker = state.tracker;
        Set<PeerId> cut = new TreeSet<>();
        if (cutOutstanding) {
            cut.addAll(tracker.peersWithWork());
            for (PeerId peer : cut) {
                for (long block : tracker.inFlightAt(peer)) {
                    tracker.release(block, peer);
                }
            }
            for (BlockRange run : tracker.snapshot().awaitingDurability()) {
                for (long block = run.first(); block <= run.last(); block++) {
                    tracker.persistFailed(block);
                }
            }
        }
        refetch.ifPresent(
                range -> {
                    state.withdrawRange(range);
                    state.addRange(range);
                });
        return cut;
    }
}
