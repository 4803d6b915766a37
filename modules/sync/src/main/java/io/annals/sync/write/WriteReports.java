package io.annals.sync.write;

import io.annals.sync.BlockRange;
import io.annals.sync.PeerId;
import io.annals.sync.Scheduler;
import io.annals.sync.head.HeadTracker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;

/**
 * The writer's figures, and what it tells the scheduler and the head tracker about each batch the
 * {@link WriteLane} applied, step by step in the lane's order: durable blocks ({@code Persisted}),
 * refused ones ({@code Rejected}, {@code ParentMismatch}), rollbacks ({@code BranchChanged}, {@code
 * RolledBack}) and the contiguous head after them ({@code StoreAdvanced}). Part of the writer actor
 * (its thread), kept in its own file.
 */
final class WriteReports {

    private final Writer.Wiring wiring;
    private final Logger log;
    private long received;
    private long persisted;
    private long written;
    private long writes;
    private long bytes;
    private long queued;
    private long refused;
    private long dropped;
    private long stale;
    private long rollbacks;
    private long rolledBackBlocks;
    private long epoch;
    private OptionalLong contiguousHead = OptionalLong.empty();

    WriteReports(Writer.Wiring wiring, Logger log) {
        this.wiring = wiring;
        this.log = log;
    }

    void received(int blocks) {
        received += blocks;
    }

    void queued(int blocks) {
        queued += blocks;
    }

    void dropped(int blocks) {
        dropped += blocks;
    }

    long persisted() {
        return persisted;
    }

    void apply(WriteLane.Outcome outcome) {
        writes++;
        for (WriteLane.Step step : outcome.steps()) {
            if (step instanceof WriteLane.Wrote wrote) {
                wrote(wrote);
            } else if (step instanceof WriteLane.RolledBack rolledBack) {
                rolledBack(rolledBack);
            } else if (step instanceof WriteLane.Trimmed trimmed) {
                log.info(
                        "sync stopped; dropped the {} stored blocks {}..{} above the contiguous head",
                        trimmed.count(),
                        trimmed.first(),
                        trimmed.last());
            } else {
                WriteLane.RollbackRefused refusal = (WriteLane.RollbackRefused) step;
                log.warn("rollback refused: {}", refusal.reason());
                wiring.headTracker()
                        .tell(
                                new HeadTracker.RollbackRefused(
                                        refusal.plan(), refusal.reason(), true));
            }
        }
        contiguousHead = outcome.contiguousHead();
        wiring.headTracker()
                .tell(new HeadTracker.StoreAdvanced(contiguousHead.orElse(-1), outcome.headHash()));
    }

    WriterStats stats(Optional<String> failure) {
        return new WriterStats(
                received,
                persisted,
                written,
                writes,
                bytes,
                queued,
                refused,
                dropped,
                stale,
                rollbacks,
                rolledBackBlocks,
                epoch,
                contiguousHead,
                failure);
    }

    private void wrote(WriteLane.Wrote wrote) {
        queued -= wrote.blocks();
        persisted += wrote.persisted().size();
        written += wrote.written();
        bytes += wrote.bytes();
        refused += wrote.refused().size();
        stale += wrote.stale();
        if (!wrote.persisted().isEmpty()) {
            wiring.scheduler().tell(new Scheduler.Persisted(wrote.persisted()));
        }
        Map<PeerId, List<Long>> byPeer = new LinkedHashMap<>();
        for (ParentLinks.Refusal refusal : wrote.refused()) {
            byPeer.computeIfAbsent(refusal.block().peer(), peer -> new ArrayList<>())
                    .add(refusal.block().number());
            wiring.headTracker()
                    .tell(
                            new HeadTracker.ParentMismatch(
                                    refusal.block().number(),
                                    refusal.block().peer(),
                                    refusal.reason(),
                                    refusal.conflict()));
        }
        byPeer.forEach(
                (peer, blocks) ->
                        wiring.scheduler()
                                .tell(
                                        new Scheduler.Rejected(
                                                peer, blocks, "contradicts the stored chain")));
        if (wrote.stale() > 0) {
            log.debug("dropped {} blocks fetched before the last rollback", wrote.stale());
        }
    }

    private void rolledBack(WriteLane.RolledBack done) {
        rollbacks++;
        rolledBackBlocks += done.dropped().size();
        epoch = done.epoch();
        log.info(
                "rolled back {} stored blocks {}..{} above block {} (branch epoch {}): {}",
                done.dropped().size(),
                done.first(),
                done.last(),
                done.plan().ancestor(),
                done.epoch(),
                done.plan().cause());
        wiring.scheduler()
                .tell(
                        new Scheduler.BranchChanged(
                                done.epoch(),
                                Optional.of(BlockRange.of(done.first(), done.last()))));
        wiring.headTracker()
                .tell(
                        new HeadTracker.RolledBack(
                                done.plan(),
                                done.epoch(),
                                done.first(),
                                done.last(),
                                done.dropped()));
    }
}
