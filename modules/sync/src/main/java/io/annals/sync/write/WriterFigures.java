package io.annals.sync.write;

import java.util.Optional;
import java.util.OptionalLong;

/** The writer's running figures: what it received, queued, wrote, refused and dropped. */
final class WriterFigures {

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

    OptionalLong contiguousHead() {
        return contiguousHead;
    }

    /** Counts what one batch of the lane did. */
    void record(WriteLane.Outcome outcome) {
        writes++;
        for (WriteLane.Step step : outcome.steps()) {
            if (step instanceof WriteLane.Wrote wrote) {
                queued -= wrote.blocks();
                persisted += wrote.persisted().size();
                written += wrote.written();
                bytes += wrote.bytes();
                refused += wrote.refused().size();
                stale += wrote.stale();
            } else if (step instanceof WriteLane.RolledBack done) {
                rollbacks++;
                rolledBackBlocks += done.dropped().size();
                epoch = done.epoch();
            }
        }
        contiguousHead = outcome.contiguousHead();
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
}
