package io.annals.sync;

import io.annals.store.BlockRange;
import io.annals.sync.ledger.RunSet;
import io.annals.sync.model.PeerId;
import io.annals.sync.scheduler.Scheduler;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What the supervisor keeps, from the traffic it forwards, so that a crashed scheduler's successor
 * can carry on: the blocks of the target ranges not yet persisted, the branch epoch, and the
 * reply-to of every known peer. Nothing outside the store is the only record of what is done: this
 * only holds what is still to do. Owned by the supervisor (its thread).
 */
final class SchedulerMemory {

    private final RunSet outstanding = new RunSet();
    private final Map<PeerId, ActorRef<Scheduler.WorkReply>> knownPeers = new HashMap<>();
    private long epoch;

    void remember(Scheduler.Command command) {
        if (command instanceof Scheduler.AddRange add) {
            outstanding.addRange(add.range().first(), add.range().last());
        } else if (command instanceof Scheduler.WithdrawRange withdraw) {
            outstanding.removeRange(withdraw.range().first(), withdraw.range().last());
        } else if (command instanceof Scheduler.BranchChanged changed) {
            epoch = Math.max(epoch, changed.epoch());
            changed.refetch().ifPresent(range -> outstanding.addRange(range.first(), range.last()));
        } else if (command instanceof Scheduler.Persisted persisted) {
            persisted.blocks().forEach(outstanding::remove);
        } else if (command instanceof Scheduler.RequestWork request) {
            knownPeers.put(request.peer(), request.replyTo());
        } else if (command instanceof Scheduler.PeerLeft left) {
            knownPeers.remove(left.peer());
        }
    }

    long outstandingBlocks() {
        return outstanding.size();
    }

    int peers() {
        return knownPeers.size();
    }

    /**
     * Gives a fresh scheduler the branch epoch and the outstanding ranges, and tells every known
     * peer to ask it again.
     */
    void restoreInto(ActorRef<Scheduler.Command> scheduler) {
        scheduler.tell(new Scheduler.BranchChanged(epoch, Optional.empty()));
        for (BlockRange run : outstanding.runs()) {
            scheduler.tell(new Scheduler.AddRange(run));
        }
        knownPeers.values().forEach(peer -> peer.tell(new Scheduler.RecheckHead()));
    }
}
