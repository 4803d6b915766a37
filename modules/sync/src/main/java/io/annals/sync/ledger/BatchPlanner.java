package io.annals.sync.ledger;

import io.annals.store.BlockRange;
import io.annals.sync.model.NoWorkReason;
import io.annals.sync.model.PeerId;
import java.util.OptionalLong;

/**
 * Picks the next batch for one peer: escalated blocks first (nearest-to-complete shard first), then
 * the lowest eligible pending blocks. A batch is a contiguous run of blocks, all within the peer's
 * range (its floor, the lowest block it serves, up to its head) and none cooling down for this
 * peer. The scan skips blocks the peer is cooling down on instead of stopping at them, so a block
 * that keeps failing at the head of the queue does not starve the peer of the blocks behind it.
 * Pure: it reads the state and changes nothing.
 */
public final class BatchPlanner {

    /** What the planner decided. */
    public sealed interface Plan permits Batch, Nothing {}

    /** Give this contiguous run to the peer. */
    public record Batch(BlockRange range, boolean escalated) implements Plan {}

    /**
     * No batch now. {@code retryAtMillis} is when the peer could get one if nothing else changes,
     * or {@link Long#MAX_VALUE} when only an event (new work, a new head) can help.
     */
    public record Nothing(NoWorkReason reason, long retryAtMillis) implements Plan {}

    private final BlockTracker tracker;
    private final BackoffLedger ledger;

    public BatchPlanner(BlockTracker tracker, BackoffLedger ledger) {
        this.tracker = tracker;
        this.ledger = ledger;
    }

    public Plan plan(PeerHealth peer, long now) {
        return plan(peer, now, Integer.MAX_VALUE);
    }

    /**
     * As {@link #plan(PeerHealth, long)}, with a batch of at most {@code maxBlocks} (at least one).
     */
    public Plan plan(PeerHealth peer, long now, int maxBlocks) {
        return plan(peer, now, maxBlocks, Long.MAX_VALUE);
    }

    /**
     * As {@link #plan(PeerHealth, long, int)}, taking blocks of the normal queue only up to {@code
     * pendingCeiling} (escalated blocks up to the peer's head): how a fallback source is kept to
     * the blocks no peer serves.
     */
    public Plan plan(PeerHealth peer, long now, int maxBlocks, long pendingCeiling) {
        if (tracker.waitingCount() == 0) {
            return new Nothing(NoWorkReason.NOTHING_WAITING, Long.MAX_VALUE);
        }
        long head = peer.head();
        long floor = peer.floor();
        if (lowestWaiting() > head || head < floor) {
            return new Nothing(NoWorkReason.HEAD_BEHIND, Long.MAX_VALUE);
        }
        if (peer.inBackoff(now)) {
            return new Nothing(NoWorkReason.PEER_BACKOFF, peer.backoffUntilMillis());
        }
        int limit = Math.max(1, Math.min(maxBlocks, peer.batchSize()));
        long earliestRetry = Long.MAX_VALUE;
        boolean anyWithinHead = false;

        EscalationQueue escalation = tracker.escalation();
        if (!escalation.isEmpty()) {
            for (long shard : escalation.shardsInServiceOrder(tracker::outstandingInShard)) {
                BlockRange shardRange = escalation.shardRange(shard);
                if (shardRange.first() > head || shardRange.last() < floor) {
                    continue;
                }
                Scan scan =
                        scan(
                                new EscalatedQueue(escalation),
                                Math.max(floor, shardRange.first()),
                                Math.min(head, shardRange.last()),
                                peer.peer(),
                                now);
                anyWithinHead |= scan.anyWithinHead;
                if (scan.start.isPresent()) {
                    long last =
                            extend(
                                    new EscalatedQueue(escalation),
                                    scan.start.getAsLong(),
                                    head,
                                    limit,
                                    peer.peer(),
                                    now);
                    return new Batch(new BlockRange(scan.start.getAsLong(), last), true);
                }
                earliestRetry = Math.min(earliestRetry, scan.earliestRetry);
            }
        }

        RunSet pending = tracker.pending();
        OptionalLong firstInRange = pending.ceiling(floor);
        long pendingHead = Math.min(head, pendingCeiling);
        if (firstInRange.isPresent() && firstInRange.getAsLong() <= pendingHead) {
            Scan scan =
                    scan(
                            new PendingQueue(pending),
                            firstInRange.getAsLong(),
                            pendingHead,
                            peer.peer(),
                            now);
            anyWithinHead |= scan.anyWithinHead;
            if (scan.start.isPresent()) {
                long last =
                        extend(
                                new PendingQueue(pending),
                                scan.start.getAsLong(),
                                pendingHead,
                                limit,
                                peer.peer(),
                                now);
                return new Batch(new BlockRange(scan.start.getAsLong(), last), false);
            }
            earliestRetry = Math.min(earliestRetry, scan.earliestRetry);
        }

        if (!anyWithinHead) {
            return new Nothing(NoWorkReason.HEAD_BEHIND, Long.MAX_VALUE);
        }
        return new Nothing(NoWorkReason.COOLING_DOWN, earliestRetry);
    }

    private long lowestWaiting() {
        long lowest = Long.MAX_VALUE;
        if (!tracker.pending().isEmpty()) {
            lowest = tracker.pending().first().getAsLong();
        }
        if (!tracker.escalation().isEmpty()) {
            lowest = Math.min(lowest, tracker.escalation().ceiling(0).getAsLong());
        }
        return lowest;
    }

    /** Result of scanning one queue between two bounds for the first block the peer may take. */
    private record Scan(OptionalLong start, long earliestRetry, boolean anyWithinHead) {}

    /**
     * Walks the queue's members in from..to ascending. Every member it passes is cooling down for
     * the peer, so the walk costs at most the peer's ledger entries plus one.
     */
    private Scan scan(Queue queue, long from, long to, PeerId peer, long now) {
        long earliest = Long.MAX_VALUE;
        boolean any = false;
        OptionalLong next = queue.ceiling(from);
        while (next.isPresent() && next.getAsLong() <= to) {
            long block = next.getAsLong();
            any = true;
            long readyAt = ledger.readyAt(block, peer);
            if (readyAt <= now) {
                return new Scan(OptionalLong.of(block), earliest, true);
            }
            earliest = Math.min(earliest, readyAt);
            next = queue.ceiling(block + 1);
        }
        return new Scan(OptionalLong.empty(), earliest, any);
    }

    private long extend(Queue queue, long start, long head, int limit, PeerId peer, long now) {
        long last = start;
        while (last - start + 1 < limit
                && last + 1 <= head
                && queue.contains(last + 1)
                && ledger.readyAt(last + 1, peer) <= now) {
            last++;
        }
        return last;
    }

    /** The two waiting queues seen through one shape. */
    private interface Queue {
        OptionalLong ceiling(long block);

        boolean contains(long block);
    }

    private record PendingQueue(RunSet pending) implements Queue {
        @Override
        public OptionalLong ceiling(long block) {
            return pending.ceiling(block);
        }

        @Override
        public boolean contains(long block) {
            return pending.contains(block);
        }
    }

    private record EscalatedQueue(EscalationQueue escalation) implements Queue {
        @Override
        public OptionalLong ceiling(long block) {
            return escalation.ceiling(block);
        }

        @Override
        public boolean contains(long block) {
            return escalation.contains(block);
        }
    }
}
