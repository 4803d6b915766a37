package io.annals.sync;

import io.annals.sync.guard.ChainStats;
import io.annals.sync.head.HeadStats;
import io.annals.sync.model.SyncMode;
import io.annals.sync.scheduler.SchedulerStats;
import io.annals.sync.write.WriterStats;
import java.util.Optional;

/**
 * Everything the engine reports for stats, health and progress: the supervisor's own figures and
 * each child's. A child that did not answer in time is empty.
 *
 * @param mode the scheduler's mode
 * @param peers live peer actors
 * @param failure why sync stopped (a store write failed, or a reorg deeper than the rollback
 *     window), if it did
 */
public record SyncStats(
        SyncMode mode,
        int peers,
        Optional<String> failure,
        Optional<SchedulerStats> scheduler,
        Optional<WriterStats> writer,
        Optional<HeadStats> head,
        Optional<ChainStats> chain) {

    /** Blocks the writer acknowledged durable (0 without a writer). */
    public long persistedBlocks() {
        return writer.map(WriterStats::persisted).orElse(0L);
    }

    /** Blocks received by the writer and not yet written. */
    public long writerQueue() {
        return writer.map(WriterStats::queued).orElse(0L);
    }

    /** The network head, -1 while unknown. */
    public long networkHead() {
        return head.map(HeadStats::networkHead).orElse(-1L);
    }

    /** Blocks between the network head and the store's contiguous head. */
    public long lag() {
        return head.map(HeadStats::lag).orElse(0L);
    }

    public boolean failed() {
        return failure.isPresent();
    }
}
