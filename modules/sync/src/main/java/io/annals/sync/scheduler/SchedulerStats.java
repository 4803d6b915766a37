package io.annals.sync.scheduler;

import io.annals.store.BlockRange;
import io.annals.sync.ledger.PeerHealth;
import io.annals.sync.ledger.SchedulerSettings;
import io.annals.sync.ledger.SchedulingState;
import io.annals.sync.model.PeerId;
import io.annals.sync.model.SyncMode;
import io.annals.sync.model.SyncStalled;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A snapshot of the scheduler for stats, health and progress output.
 *
 * @param queue blocks in the normal queue
 * @param inflight blocks in flight at peers
 * @param escalation blocks in the escalation queue
 * @param awaitingDurability blocks handed to the writer, not yet persisted
 * @param peersActive peers with a batch in flight
 * @param peersParked peers waiting for work to be pushed to them
 * @param blocksPerSec blocks persisted per second over the rate window
 * @param stalledFor how long waiting work has gone without a delivery, when at least the threshold
 * @param lastStall the last stall report, if any
 * @param messagesHandled messages the scheduler has handled, stats requests excluded
 * @param persisted blocks persisted since the scheduler (or its predecessor) started
 * @param lowestWaiting the lowest block waiting for a peer, or -1 when none waits
 * @param maxUnpersisted the durability window: blocks in flight plus awaiting durability stay below
 *     it
 * @param peersWaitingForWriter peers parked because the window is full (backpressure from the
 *     writer)
 * @param peers what the scheduler knows of each peer
 * @param maxBlockBackoff the mode's cap on the per-(block, peer) backoff
 * @param unserved runs of waiting blocks that no connected source serves (peers announce earliest
 *     blocks above them and no era source covers them): they will not be fetched as things are
 */
public record SchedulerStats(
        SyncMode mode,
        long queue,
        int inflight,
        long escalation,
        long awaitingDurability,
        int peersActive,
        int peersParked,
        double blocksPerSec,
        Duration stalledFor,
        Optional<SyncStalled> lastStall,
        long messagesHandled,
        long persisted,
        long lowestWaiting,
        int maxUnpersisted,
        int peersWaitingForWriter,
        List<PeerSummary> peers,
        Duration maxBlockBackoff,
        List<BlockRange> unserved) {

    public SchedulerStats {
        peers = List.copyOf(peers);
        unserved = List.copyOf(unserved);
    }

    /** The figures of a scheduler running with {@code settings}. */
    static SchedulerStats of(
            SchedulerSettings settings, SchedulingState.StatsView view, long messagesHandled) {
        return new SchedulerStats(
                settings.mode(),
                view.queue(),
                view.inflight(),
                view.escalation(),
                view.awaitingDurability(),
                view.peersActive(),
                view.peersParked(),
                view.blocksPerSec(),
                Duration.ofMillis(view.stalledForMillis()),
                view.lastStall(),
                messagesHandled,
                view.persisted(),
                view.lowestWaiting(),
                settings.maxBlocksUnpersisted(),
                view.peersWaitingForWriter(),
                view.peers().stream().map(PeerSummary::of).toList(),
                settings.maxBlockBackoff(),
                view.unserved());
    }

    /**
     * One peer as the scheduler sees it: its range, its batch size, its quality score and its
     * measured throughput (moving averages over its recent batches; 0 before the first).
     */
    public record PeerSummary(
            PeerId peer,
            long servesFrom,
            long head,
            int batchSize,
            double quality,
            double blocksPerSecond,
            double bytesPerSecond) {

        static PeerSummary of(PeerHealth.Snapshot health) {
            return new PeerSummary(
                    health.peer(),
                    health.floor(),
                    health.head(),
                    (int) Math.floor(health.batchSize()),
                    health.quality(),
                    health.blocksPerSecond(),
                    health.bytesPerSecond());
        }
    }
}
