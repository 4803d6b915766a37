package io.annals.sync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.BlockRange;
import io.annals.sync.model.NoWorkReason;
import io.annals.sync.model.PeerId;
import org.junit.jupiter.api.Test;

class BatchPlannerTest {

    private static final PeerId A = PeerId.of("a");
    private static final PeerId B = PeerId.of("b");

    private final BlockTracker tracker = new BlockTracker(2, 1_000);
    private final BackoffLedger ledger = new BackoffLedger(500, 5_000, 1_000);
    private final BatchPlanner planner = new BatchPlanner(tracker, ledger);

    private static PeerHealth peer(PeerId id, long head, int batch) {
        return new PeerHealth(id, head, batch, 128, 500, 5_000);
    }

    @Test
    void aBatchIsTheLowestContiguousRunWithinThePeersHead() {
        tracker.addRange(100, 199);
        assertThat(planner.plan(peer(A, 1_000, 32), 0))
                .isEqualTo(new BatchPlanner.Batch(BlockRange.of(100, 131), false));
        assertThat(planner.plan(peer(A, 110, 32), 0))
                .isEqualTo(new BatchPlanner.Batch(BlockRange.of(100, 110), false));
        tracker.assign(BlockRange.of(100, 104), B, 0);
        tracker.addRange(300, 310);
        tracker.withdrawRange(107, 107);
        assertThat(planner.plan(peer(A, 1_000, 32), 0))
                .as("a run stops at a gap")
                .isEqualTo(new BatchPlanner.Batch(BlockRange.of(105, 106), false));
    }

    @Test
    void aPeerWhoseHeadIsBelowAllWorkIsToldItsHeadIsBehind() {
        tracker.addRange(500, 510);
        assertThat(planner.plan(peer(A, 499, 32), 0))
                .isEqualTo(new BatchPlanner.Nothing(NoWorkReason.HEAD_BEHIND, Long.MAX_VALUE));
    }

    @Test
    void headOfLineBlockCoolingForThePeerDoesNotStarveIt() {
        tracker.addRange(10, 20);
        ledger.recordFailure(10, A, 0);
        ledger.recordFailure(11, A, 0);
        assertThat(planner.plan(peer(A, 100, 4), 0))
                .isEqualTo(new BatchPlanner.Batch(BlockRange.of(12, 15), false));
        assertThat(planner.plan(peer(B, 100, 4), 0))
                .as("other peers still get the lowest block")
                .isEqualTo(new BatchPlanner.Batch(BlockRange.of(10, 13), false));
        ledger.recordFailure(14, A, 0);
        assertThat(planner.plan(peer(A, 100, 8), 0))
                .as("a run stops before a block the peer is cooling on")
                .isEqualTo(new BatchPlanner.Batch(BlockRange.of(12, 13), false));
    }

    @Test
    void whenEveryBlockIsCoolingThePeerLearnsWhenTheFirstCooldownEnds() {
        tracker.addRange(10, 11);
        ledger.recordFailure(10, A, 0); // until 500
        ledger.recordFailure(11, A, 0);
        ledger.recordFailure(11, A, 0); // until 1000
        assertThat(planner.plan(peer(A, 100, 8), 0))
                .isEqualTo(new BatchPlanner.Nothing(NoWorkReason.COOLING_DOWN, 500));
        assertThat(planner.plan(peer(A, 100, 8), 500))
                .isEqualTo(new BatchPlanner.Batch(BlockRange.of(10, 10), false));
    }

    @Test
    void escalatedBlocksGoFirst() {
        tracker.addRange(0, 50);
        tracker.assign(BlockRange.of(40, 41), B, 0);
        tracker.failed(40, B);
        tracker.failed(41, B);
        tracker.assign(BlockRange.of(40, 41), B, 0);
        tracker.failed(40, B);
        tracker.failed(41, B);
        assertThat(tracker.escalatedCount()).isEqualTo(2);
        assertThat(planner.plan(peer(A, 100, 32), 0))
                .isEqualTo(new BatchPlanner.Batch(BlockRange.of(40, 41), true));
        assertThat(planner.plan(peer(A, 39, 32), 0))
                .as("but only within the peer's head")
                .isEqualTo(new BatchPlanner.Batch(BlockRange.of(0, 31), false));
    }

    @Test
    void aPeerInBackoffGetsNothingUntilItEnds() {
        tracker.addRange(0, 9);
        PeerHealth health = peer(A, 100, 8);
        health.recordFailure(1_000);
        assertThat(planner.plan(health, 1_200))
                .isEqualTo(new BatchPlanner.Nothing(NoWorkReason.PEER_BACKOFF, 1_500));
        assertThat(planner.plan(health, 1_500)).isInstanceOf(BatchPlanner.Batch.class);
    }

    @Test
    void nothingWaitingIsSaidAsSuch() {
        assertThat(planner.plan(peer(A, 100, 8), 0))
                .isEqualTo(new BatchPlanner.Nothing(NoWorkReason.NOTHING_WAITING, Long.MAX_VALUE));
    }
}
