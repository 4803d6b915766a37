package io.annals.sync.write;

import java.util.ArrayList;
import java.util.List;

/**
 * What one batch of the {@link WriteLane} means to the writer's subscribers, step by step in the
 * lane's order, then the contiguous head after them.
 */
final class WriterEvents {

    private WriterEvents() {}

    static List<Writer.Event> of(WriteLane.Outcome outcome) {
        List<Writer.Event> events = new ArrayList<>();
        for (WriteLane.Step step : outcome.steps()) {
            if (step instanceof WriteLane.Wrote wrote) {
                if (!wrote.persisted().isEmpty()) {
                    events.add(new Writer.BlocksStored(wrote.persisted()));
                }
                if (!wrote.refused().isEmpty()) {
                    events.add(new Writer.BlocksRefused(refusals(wrote.refused())));
                }
            } else if (step instanceof WriteLane.RolledBack done) {
                events.add(
                        new Writer.RolledBack(
                                done.plan(),
                                done.epoch(),
                                done.first(),
                                done.last(),
                                done.dropped()));
            } else if (step instanceof WriteLane.RollbackRefused refusal) {
                events.add(new Writer.RollbackRefused(refusal.plan(), refusal.reason(), true));
            }
        }
        events.add(new Writer.StoredUpTo(outcome.contiguousHead().orElse(-1), outcome.headHash()));
        return events;
    }

    private static List<Writer.Refusal> refusals(List<ParentLinks.Refusal> refused) {
        List<Writer.Refusal> out = new ArrayList<>(refused.size());
        for (ParentLinks.Refusal refusal : refused) {
            out.add(
                    new Writer.Refusal(
                            refusal.block().number(),
                            refusal.block().peer(),
                            refusal.reason(),
                            refusal.conflict()));
        }
        return out;
    }
}
