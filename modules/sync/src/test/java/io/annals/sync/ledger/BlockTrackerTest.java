package io.annals.sync.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annals.store.BlockRange;
import io.annals.sync.model.PeerId;
import org.junit.jupiter.api.Test;

class BlockTrackerTest {

    private static final PeerId A = PeerId.of("a");
    private static final PeerId B = PeerId.of("b");

    @Test
    void aBlockIsDoneOnlyWhenPersisted() {
        BlockTracker tracker = new BlockTracker(5, 100);
        tracker.addRange(0, 9);
        tracker.assign(BlockRange.of(0, 4), A, 0);
        assertThat(tracker.waitingCount()).isEqualTo(5);
        assertThat(tracker.inFlightCount()).isEqualTo(5);
        assertThat(tracker.delivered(0, A)).isTrue();
        assertThat(tracker.awaitingDurabilityCount()).isEqualTo(1);
        assertThat(tracker.isWaiting(0)).isFalse();
        assertThat(tracker.isTracked(0)).as("delivered is neither waiting nor lost").isTrue();
        assertThat(tracker.persisted(0)).isTrue();
        assertThat(tracker.isTracked(0)).isFalse();
        assertThat(tracker.outstandingInShard(0)).isEqualTo(9);
    }

    @Test
    void failuresCountAttemptsAndEscalateAtTheLimit() {
        BlockTracker tracker = new BlockTracker(3, 100);
        tracker.addRange(5, 5);
        for (int attempt = 1; attempt <= 3; attempt++) {
            tracker.assign(BlockRange.single(5), attempt % 2 == 0 ? B : A, 0);
            assertThat(tracker.failed(5, attempt % 2 == 0 ? B : A)).isTrue();
            assertThat(tracker.attempts(5)).isEqualTo(attempt);
        }
        assertThat(tracker.escalation().contains(5)).isTrue();
        assertThat(tracker.pending().contains(5)).isFalse();
        tracker.assign(BlockRange.single(5), A, 0);
        assertThat(tracker.release(5, A)).isTrue();
        assertThat(tracker.attempts(5)).as("a release is no attempt").isEqualTo(3);
        assertThat(tracker.escalation().contains(5)).as("escalated blocks stay escalated").isTrue();
    }

    @Test
    void reportsFromAPeerThatDoesNotHoldTheBlockChangeNothingExceptLateDeliveries() {
        BlockTracker tracker = new BlockTracker(5, 100);
        tracker.addRange(0, 1);
        tracker.assign(BlockRange.single(0), A, 0);
        assertThat(tracker.failed(0, B)).isFalse();
        assertThat(tracker.release(0, B)).isFalse();
        assertThat(tracker.isInFlightAt(0, A)).isTrue();
        assertThat(tracker.delivered(1, B))
                .as("a waiting block that arrives anyway is accepted")
                .isTrue();
        assertThat(tracker.awaitingDurabilityCount()).isEqualTo(1);
        assertThat(tracker.delivered(42, B)).as("unknown blocks are ignored").isFalse();
    }

    @Test
    void addingARangeSkipsBlocksAlreadyTrackedInAnyState() {
        BlockTracker tracker = new BlockTracker(1, 100);
        tracker.addRange(0, 9);
        tracker.assign(BlockRange.of(0, 2), A, 0);
        tracker.delivered(0, A);
        tracker.failed(1, A); // escalated: limit 1
        assertThat(tracker.addRange(0, 19)).isEqualTo(10);
        assertThat(tracker.pendingCount()).isEqualTo(7 + 10);
        assertThat(tracker.escalatedCount()).isEqualTo(1);
        assertThat(tracker.inFlightCount()).isEqualTo(1);
        assertThat(tracker.awaitingDurabilityCount()).isEqualTo(1);
    }

    @Test
    void withdrawingARangeDropsItsBlocksInEveryState() {
        BlockTracker tracker = new BlockTracker(1, 100);
        tracker.addRange(0, 29);
        tracker.assign(BlockRange.of(0, 2), A, 0);
        tracker.delivered(0, A);
        tracker.failed(1, A);
        assertThat(tracker.withdrawRange(0, 19)).isEqualTo(20);
        assertThat(tracker.isTracked(2)).isFalse();
        assertThat(tracker.inFlightAt(A)).isEmpty();
        assertThat(tracker.failed(2, A)).as("the peer's later report is ignored").isFalse();
        assertThat(tracker.attempts(1)).isZero();
        assertThat(tracker.waitingCount()).isEqualTo(10);
    }

    @Test
    void assigningABlockThatIsNotWaitingIsABug() {
        BlockTracker tracker = new BlockTracker(5, 100);
        tracker.addRange(0, 1);
        tracker.assign(BlockRange.single(0), A, 0);
        assertThatThrownBy(() -> tracker.assign(BlockRange.of(0, 1), B, 0))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void escalationServesTheNearestToCompleteShardFirst() {
        BlockTracker tracker = new BlockTracker(1, 100);
        tracker.addRange(0, 99); // shard 0: 100 outstanding
        tracker.addRange(250, 259); // shard 2: 10 outstanding
        tracker.addRange(100, 149); // shard 1: 50 outstanding
        for (long block : new long[] {5, 120, 255}) {
            tracker.assign(BlockRange.single(block), A, 0);
            tracker.failed(block, A);
        }
        assertThat(tracker.escalation().shardsInServiceOrder(tracker::outstandingInShard))
                .containsExactly(2L, 1L, 0L);
    }
}
