package io.annals.sync.scheduler;

import io.annals.sync.ledger.LedgerSnapshot;
import io.annals.sync.model.PeerId;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A scheduler's state handed to its successor on a mode switch: the ledger, the reply-to of every
 * peer it knows, its message count and its branch epoch (with the batches a rollback cut).
 */
public record SchedulerHandover(
        LedgerSnapshot ledger,
        Map<PeerId, ActorRef<Scheduler.WorkReply>> contacts,
        long messagesHandled,
        BranchEpoch.Snapshot branch) {
    public SchedulerHandover {
        contacts = Map.copyOf(contacts);
    }
}
