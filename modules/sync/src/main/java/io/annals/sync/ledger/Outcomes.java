package io.annals.sync.ledger;

import io.annals.sync.PeerId;
import java.util.List;

/**
 * How a peer's report on its batch, and the writer's refusal of delivered blocks, change the
 * scheduling state: each block's fate, the backoff ledger, the stall watch and the peer's health. A
 * part of {@link SchedulingState} in its own file.
 */
final class Outcomes {

    private final SchedulingState state;

    Outcomes(SchedulingState state) {
        this.state = state;
    }

    /** Applies a report; blocks it does not mention go back without penalty. */
    void report(PeerId peer, SchedulingState.Report report, long now) {
        BlockTracker tracker = state.tracker;
        PeerHealth health = state.peers.get(peer);
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
                state.ledger.recordNotYetAvailable(block, peer, now);
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
        if (delivered > 0) {
            state.stallWatch.progressed(now);
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
    }

    /**
     * The writer refused delivered blocks: each waits again as a failure of the peer that delivered
     * it.
     */
    void rejected(PeerId peer, List<Long> blocks, long now) {
        int rejected = 0;
        for (long block : blocks) {
            if (state.tracker.rejected(block)) {
                state.ledger.recordFailure(block, peer, now);
                rejected++;
            }
        }
        PeerHealth health = state.peers.get(peer);
        if (rejected > 0 && health != null) {
            health.recordFailure(now);
        }
    }

    private boolean fail(long block, PeerId peer, long now) {
        if (!state.tracker.isInFlightAt(block, peer)) {
            return false;
        }
        state.ledger.recordFailure(block, peer, now);
        return state.tracker.failed(block, peer);
    }

    /** An empty answer near (or above) the peer's head is propagation lag, not a failure. */
    private boolean isNotYetAvailable(long block, long head) {
        return block > head - state.settings.notYetAvailableDepth();
    }
}
