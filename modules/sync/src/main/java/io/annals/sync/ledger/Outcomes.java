package io.annals.sync.ledger;

import io.annals.sync.model.PeerId;
import java.util.List;

/**
 * How a peer's report on its batch, and the writer's refusal of delivered blocks, change each
 * block's fate (the {@link BlockTracker}), the {@link BackoffLedger} and the peer's {@link
 * PeerHealth}. Returns whether anything was delivered: that is progress for the stall watch.
 */
final class Outcomes {

    private final BlockTracker tracker;
    private final BackoffLedger ledger;
    private final long notYetAvailableDepth;

    Outcomes(BlockTracker tracker, BackoffLedger ledger, long notYetAvailableDepth) {
        this.tracker = tracker;
        this.ledger = ledger;
        this.notYetAvailableDepth = notYetAvailableDepth;
    }

    /**
     * Applies a report of {@code peer} ({@code health} null when the peer is not known any more);
     * blocks it does not mention go back without penalty. Returns whether it delivered a block.
     */
    boolean report(PeerId peer, PeerHealth health, SchedulingState.Report report, long now) {
        long head = health == null ? Long.MAX_VALUE : health.head();
        int outstanding = tracker.inFlightAt(peer).size();
        int delivered = 0;
        int failed = 0;
        int notYetAvailable = 0;
        for (long block : report.delivered()) {
            if (tracker.delivered(block, peer)) {
                delivered++;
            }
        }
        for (long block : report.failed()) {
            if (fail(block, peer, now)) {
                failed++;
            }
        }
        for (long block : report.missing()) {
            if (!tracker.isInFlightAt(block, peer)) {
                continue;
            }
            if (isNotYetAvailable(block, head)) {
                ledger.recordNotYetAvailable(block, peer, now);
                tracker.release(block, peer);
                notYetAvailable++;
            } else if (fail(block, peer, now)) {
                failed++;
            }
        }
        List<Long> unmentioned = tracker.inFlightAt(peer);
        for (long block : unmentioned) {
            tracker.release(block, peer);
        }
        if (health != null) {
            // blocks left out of an answer that failed nothing were cut by a response limit
            boolean cutShort =
                    !unmentioned.isEmpty()
                            && unmentioned.size() < outstanding
                            && notYetAvailable == 0;
            if (failed == 0 && delivered > 0 && cutShort) {
                health.recordTruncated(delivered);
            } else if (failed == 0 && delivered > 0) {
                health.recordSuccess();
            } else if (failed > 0 && delivered > 0) {
                health.recordPartial((double) delivered / (delivered + failed));
            } else if (failed > 0) {
                health.recordFailure(now);
            }
        }
        return delivered > 0;
    }

    /**
     * The writer refused delivered blocks: each waits again as a failure of the peer that delivered
     * it.
     */
    void rejected(PeerId peer, PeerHealth health, List<Long> blocks, long now) {
        int rejected = 0;
        for (long block : blocks) {
            if (tracker.rejected(block)) {
                ledger.recordFailure(block, peer, now);
                rejected++;
            }
        }
        if (rejected > 0 && health != null) {
            health.recordFailure(now);
        }
    }

    private boolean fail(long block, PeerId peer, long now) {
        if (!tracker.isInFlightAt(block, peer)) {
            return false;
        }
        ledger.recordFailure(block, peer, now);
        return tracker.failed(block, peer);
    }

    /** An empty answer near (or above) the peer's head is propagation lag, not a failure. */
    private boolean isNotYetAvailable(long block, long head) {
        return block > head - notYetAvailableDepth;
    }
}
