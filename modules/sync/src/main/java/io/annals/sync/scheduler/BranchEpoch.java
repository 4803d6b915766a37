package io.annals.sync.scheduler;

import io.annals.sync.model.PeerId;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scheduler's branch epoch: how many rollbacks of the store it has applied. Every assignment
 * carries it, and the writer drops blocks whose assignment is from an older epoch (fetched before a
 * rollback: of the dropped branch, perhaps). The batches a rollback cut are remembered until their
 * peer reports on them, asks again or leaves, so that a report on a cut batch is ignored: its
 * blocks wait again already, and the writer drops what it delivered. Owned by the scheduler actor.
 */
final class BranchEpoch {

    /** An epoch and the cut batches (by peer), handed over on a mode switch. */
    record Snapshot(long epoch, Set<PeerId> cut) {
        Snapshot {
            cut = Set.copyOf(cut);
        }
    }

    private long epoch;
    private final Set<PeerId> cut = new TreeSet<>();

    BranchEpoch() {}

    BranchEpoch(Snapshot snapshot) {
        epoch = snapshot.epoch();
        cut.addAll(snapshot.cut());
    }

    long current() {
        return epoch;
    }

    /** Moves to {@code next} when it is later; returns whether it moved. */
    boolean advanceTo(long next) {
        if (next <= epoch) {
            return false;
        }
        epoch = next;
        return true;
    }

    void cut(Collection<PeerId> peers) {
        cut.addAll(peers);
    }

    /**
     * Whether {@code peer}'s report is about a batch a rollback cut; the batch is forgotten either
     * way.
     */
    boolean swallowsReport(PeerId peer) {
        return cut.remove(peer);
    }

    /** The peer asked for work or left: it has no cut batch any more. */
    void forget(PeerId peer) {
        cut.remove(peer);
    }

    Snapshot snapshot() {
        return new Snapshot(epoch, cut);
    }
}
