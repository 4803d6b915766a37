package io.annals.node.monitor;

import io.annals.sync.SyncStats;
import io.annals.sync.head.HeadStats;
import io.annals.sync.scheduler.SchedulerStats;
import io.annals.sync.write.WriterStats;
import java.util.OptionalLong;

/**
 * Figures read off a {@link SyncStats} snapshot the same way by the progress line, health and
 * metrics.
 */
public final class SyncFigures {
    private SyncFigures() {}

    /** The store's contiguous head as the engine last saw it; empty when nothing is stored. */
    public static OptionalLong contiguousHead(SyncStats stats) {
        long fromTracker = stats.head().map(HeadStats::contiguousHead).orElse(-1L);
        if (fromTracker >= 0) {
            return OptionalLong.of(fromTracker);
        }
        return stats.writer().map(WriterStats::contiguousHead).orElse(OptionalLong.empty());
    }

    /** Whether waiting work has gone without a delivery for at least the stall threshold. */
    public static boolean stalled(SyncStats stats) {
        return stats.scheduler().map(s -> !s.stalledFor().isZero()).orElse(false);
    }

    /**
     * What the node is doing, in one word: {@code failed} (sync stopped with an error), {@code
     * done} (the end block is stored), else the engine's mode ({@code historical} or {@code
     * follow}).
     */
    public static String mode(SyncStats stats, OptionalLong endBlock) {
        if (stats.failed()) {
            return "failed";
        }
        OptionalLong head = contiguousHead(stats);
        if (endBlock.isPresent() && head.isPresent() && head.getAsLong() >= endBlock.getAsLong()) {
            return "done";
        }
        return stats.mode().configSection();
    }

    public static long queue(SyncStats stats) {
        return stats.scheduler().map(SchedulerStats::queue).orElse(0L);
    }
}
