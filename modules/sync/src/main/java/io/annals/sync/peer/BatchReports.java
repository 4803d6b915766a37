package io.annals.sync.peer;

import io.annals.store.BlockRange;
import io.annals.sync.model.PeerId;
import io.annals.sync.scheduler.Scheduler;
import java.util.List;
import java.util.concurrent.CompletionException;

/** Turns a batch's outcome into the one report the scheduler's protocol expects for it. */
final class BatchReports {

    private BatchReports() {}

    static Scheduler.Command report(PeerId peer, BlockRange batch, BatchChecks.Outcome outcome) {
        List<Long> delivered = outcome.deliveredNumbers();
        String reason = outcome.problem().orElse("answer cut short");
        if (delivered.size() == batch.size()) {
            return new Scheduler.Delivered(peer, delivered);
        }
        if (delivered.isEmpty()
                && outcome.missing().isEmpty()
                && outcome.failed().size() == batch.size()) {
            return new Scheduler.Failed(peer, outcome.failed(), reason);
        }
        if (delivered.isEmpty()
                && outcome.failed().isEmpty()
                && outcome.missing().size() == batch.size()) {
            return new Scheduler.NotYetAvailable(peer, outcome.missing());
        }
        // blocks in none of the lists were cut off by a response limit: they go back without
        // penalty
        return new Scheduler.PartiallyDelivered(
                peer, delivered, outcome.failed(), outcome.missing(), reason);
    }

    /** A request's failure for the report: its cause's type and message. */
    static String describe(Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }
}
