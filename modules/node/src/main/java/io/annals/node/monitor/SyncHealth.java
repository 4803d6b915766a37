package io.annals.node.monitor;

import io.annals.rpc.health.HealthSnapshot;
import io.annals.rpc.health.HealthSource;
import io.annals.sync.SyncStats;
import io.annals.sync.scheduler.SchedulerStats;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code GET /health} over the monitor's latest snapshot: 200 while sync progresses (or has nothing
 * to do), 503 while the scheduler reports a stall (with its {@code SyncStalled} report, as text and
 * as details), when sync stopped with an error, when the engine has not answered for a while, or
 * when waiting blocks have no source at all (every connected peer's earliest block is above them
 * and no era source covers them: {@code annals.history.era-sources}). Never blocks: it reads a
 * volatile snapshot.
 */
public final class SyncHealth implements HealthSource {
    private final SyncMonitor monitor;
    private final OptionalLong endBlock;
    private final long initialHead;
    private final Duration staleAfter;

    /**
     * @param initialHead the store's contiguous head at start (-1 when empty), shown until the
     *     first snapshot
     * @param staleAfter a snapshot older than this means the engine stopped answering
     */
    public SyncHealth(
            SyncMonitor monitor, OptionalLong endBlock, long initialHead, Duration staleAfter) {
        this.monitor = monitor;
        this.endBlock = endBlock;
        this.initialHead = initialHead;
        this.staleAfter = staleAfter;
    }

    @Override
    public CompletionStage<HealthSnapshot> snapshot() {
        return CompletableFuture.completedFuture(current());
    }

    public HealthSnapshot current() {
        var latest = monitor.latest();
        if (latest.isEmpty()) {
            return HealthSnapshot.healthy("starting", initialHead, 0);
        }
        SyncStats stats = latest.get().stats();
        long head = SyncFigures.contiguousHead(stats).orElse(initialHead);
        long lag = stats.lag();
        Duration age = latest.get().age();
        if (age.compareTo(staleAfter) > 0) {
            return HealthSnapshot.stalled(
                    "unknown",
                    head,
                    lag,
                    "the sync engine has not reported its figures for " + age.toSeconds() + "s",
                    null);
        }
        String mode = SyncFigures.mode(stats, endBlock);
        if (stats.failure().isPresent()) {
            String reason = stats.failure().get();
            return HealthSnapshot.stalled(
                    mode, head, lag, "sync stopped: " + reason, Map.of("failure", reason));
        }
        if (SyncFigures.stalled(stats)) {
            SchedulerStats scheduler = stats.scheduler().orElseThrow();
            return HealthSnapshot.stalled(
                    mode,
                    head,
                    lag,
                    scheduler
                            .lastStall()
                            .map(report -> report.toLogLine())
                            .orElse("sync stalled for " + scheduler.stalledFor().toSeconds() + "s"),
                    scheduler.lastStall().map(StallDetails::of).orElse(null));
        }
        java.util.List<io.annals.store.BlockRange> unserved =
                stats.scheduler().map(SchedulerStats::unserved).orElse(java.util.List.of());
        if (!unserved.isEmpty()) {
            // work no connected source will ever serve: the node cannot reach its target as things
            // are, however busy it is with the rest
            return HealthSnapshot.stalled(
                    mode,
                    head,
                    lag,
                    io.annals.sync.model.SyncStalled.describeUnserved(unserved),
                    Map.of(
                            "unserved",
                            unserved.stream().map(r -> r.first() + ".." + r.last()).toList()));
        }
        return HealthSnapshot.healthy(mode, head, lag);
    }
}
