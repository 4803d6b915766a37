package io.annals.sync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.BlockRange;
import io.annals.sync.TestSettings;
import io.annals.sync.model.NoWorkReason;
import io.annals.sync.model.PeerId;
import io.annals.sync.model.SyncStalled;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchedulingStateTest {

    private static final PeerId A = PeerId.of("a");
    private static final PeerId B = PeerId.of("b");
    private static final PeerId C = PeerId.of("c");

    private static SchedulingState state(SchedulerSettings settings) {
        return new SchedulingState(settings, 10_000);
    }

    private static SchedulingState.Report missing(List<Long> blocks) {
        return new SchedulingState.Report(List.of(), List.of(), blocks);
    }

    private static SchedulingState.Report failed(List<Long> blocks) {
        return new SchedulingState.Report(List.of(), blocks, List.of());
    }

    @Test
    void aRollbackPutsEveryOutstandingBlockBackAndFetchesTheDroppedRangeAgain() {
        SchedulingState state = state(TestSettings.follow());
        state.addRange(BlockRange.of(100, 139));
        state.requestWork(A, 1_000, 0, 0);
        state.requestWork(B, 1_000, 0, 0);
        assertThat(state.tracker().peersWithWork()).containsExactlyInAnyOrder(A, B);
        state.report(
                A,
                new SchedulingState.Report(BlockRange.of(100, 131).blocks(), List.of(), List.of()),
                10);
        state.persisted(BlockRange.of(100, 119).blocks(), 20);
        assertThat(state.tracker().awaitingDurabilityCount()).isEqualTo(12);

        // the store dropped 110..119 (persisted before); 120..131 await a write the writer will
        // drop as
        // stale, 132..139 are in flight at B under the old epoch
        java.util.Set<PeerId> cut =
                state.rebranch(true, java.util.Optional.of(BlockRange.of(110, 119)));
        assertThat(cut).containsExactly(B);
        assertThat(state.tracker().inFlightCount()).isZero();
        assertThat(state.tracker().awaitingDurabilityCount()).isZero();
        for (long block = 110; block <= 139; block++) {
            assertThat(state.tracker().isWaiting(block)).as("block %d waits again", block).isTrue();
            assertThat(state.tracker().attempts(block))
                    .as("no penalty for block %d", block)
                    .isZero();
        }
        assertThat(state.tracker().isWaiting(109)).as("below the rollback: done").isFalse();
        assertThat(state.peer(B).inBackoff(30)).isFalse();
        assertThat(state.requestWork(A, 1_000, 0, 30)).isInstanceOf(SchedulingState.Assign.class);
    }

    @Test
    void anEmptyAnswerAtTheTipInFollowModeIsNotAFailure() {
        SchedulingState state = state(TestSettings.follow());
        state.addRange(BlockRange.of(989, 1_000));
        assertThat(state.requestWork(A, 1_000, 0, 0))
                .isEqualTo(new SchedulingState.Assign(A, BlockRange.of(989, 1_000)));
        state.report(A, missing(BlockRange.of(989, 1_000).blocks()), 100);
        assertThat(state.tracker().attempts(989)).isZero();
        assertThat(state.tracker().escalatedCount()).isZero();
        assertThat(state.peer(A).inBackoff(100)).isFalse();
        assertThat(state.peer(A).batchSize()).isEqualTo(32);
        assertThat(state.ledger().readyAt(989, A)).as("only the flat retry delay").isEqualTo(1_100);
        assertThat(state.requestWork(A, 1_000, 0, 200))
                .isEqualTo(new SchedulingState.Parked(NoWorkReason.COOLING_DOWN));
        assertThat(state.requestWork(B, 1_000, 0, 200))
                .as("other peers are asked at once")
                .isEqualTo(new SchedulingState.Assign(B, BlockRange.of(989, 1_000)));
    }

    @Test
    void anEmptyAnswerAtOrBelowTheHeadInHistoricalModeIsAFailure() {
        SchedulingState state = state(TestSettings.historical());
        state.addRange(BlockRange.of(989, 1_000));
        state.requestWork(A, 1_000, 0, 0);
        state.report(A, missing(BlockRange.of(989, 1_000).blocks()), 100);
        assertThat(state.tracker().attempts(989)).isEqualTo(1);
        assertThat(state.peer(A).inBackoff(100)).isTrue();
        assertThat(state.ledger().get(989, A).orElseThrow().cause())
                .isEqualTo(BackoffLedger.Cause.FAILURE);
    }

    @Test
    void anEmptyAnswerAboveTheHeadIsNotAFailureInEitherMode() {
        SchedulingState state = state(TestSettings.historical());
        state.addRange(BlockRange.of(989, 1_000));
        state.requestWork(A, 1_000, 0, 0);
        state.peerHeadChanged(A, 990); // a reorg moved its head down while it fetched
        state.report(
                A,
                new SchedulingState.Report(
                        List.of(989L, 990L), List.of(), BlockRange.of(991, 1_000).blocks()),
                100);
        assertThat(state.tracker().attempts(991)).isZero();
        assertThat(state.peer(A).inBackoff(100)).isFalse();
        assertThat(state.tracker().awaitingDurabilityCount()).isEqualTo(2);
    }

    @Test
    void anEmptyAnswerDeepBelowTheHeadIsAFailureEvenInFollowMode() {
        SchedulingState state = state(TestSettings.follow());
        state.addRange(BlockRange.of(100, 100));
        state.requestWork(A, 1_000, 0, 0);
        state.report(A, missing(List.of(100L)), 10);
        assertThat(state.tracker().attempts(100)).isEqualTo(1);
    }

    @Test
    void whenEveryPeerIsCoolingDownTheBlockGoesToThePeerWhoseCooldownEndsFirst() {
        SchedulingState state = state(TestSettings.historical());
        state.addRange(BlockRange.single(7));
        List<PeerId> peers = List.of(A, B, C);
        assertThat(state.requestWork(A, 10, 0, 0))
                .isEqualTo(new SchedulingState.Assign(A, BlockRange.single(7)));
        state.requestWork(B, 10, 0, 0);
        state.requestWork(C, 10, 0, 0);
        long now = 0;
        PeerId holder = A;
        for (int round = 0; round < 60; round++) {
            state.report(holder, failed(List.of(7L)), now);
            state.requestWork(holder, 10, 0, now);
            long failedAt = now;
            List<SchedulingState.Push> pushes = state.dispatch(now);
            while (pushes.isEmpty()) {
                now = state.nextDeadline().orElseThrow();
                pushes = state.dispatch(now);
                state.stallReportIfDue(now, List.of()); // as the actor does on every event
            }
            assertThat(now - failedAt)
                    .as("no peer is locked out for longer than the cap")
                    .isLessThanOrEqualTo(128_000);
            PeerId winner = ((SchedulingState.Assign) pushes.get(0)).peer();
            long winnerReady = readyAt(state, winner);
            assertThat(winnerReady).isLessThanOrEqualTo(now);
            for (PeerId other : peers) {
                if (!other.equals(winner)) {
                    assertThat(readyAt(state, other))
                            .as("%s was ready before the winner %s", other, winner)
                            .isGreaterThanOrEqualTo(winnerReady);
                }
            }
            holder = winner;
        }
        assertThat(state.tracker().attempts(7)).isEqualTo(60);
        assertThat(state.ledger().get(7, A).orElseThrow().failures()).isGreaterThan(10);
    }

    private static long readyAt(SchedulingState state, PeerId peer) {
        return Math.max(state.ledger().readyAt(7, peer), state.peer(peer).backoffUntilMillis());
    }

    @Test
    void aStaleHeadIsParkedAndWokenOnceAfterTheCooldownOrWhenItsHeadMoves() {
        SchedulingState state = state(TestSettings.follow());
        state.addRange(BlockRange.of(1_000, 1_010));
        assertThat(state.requestWork(A, 900, 0, 0))
                .isEqualTo(new SchedulingState.Parked(NoWorkReason.HEAD_BEHIND));
        assertThat(state.nextDeadline()).hasValue(12_000);
        assertThat(state.dispatch(11_999)).isEmpty();
        assertThat(state.dispatch(12_000)).containsExactly(new SchedulingState.Wake(A));
        assertThat(state.parkedPeers()).isEmpty();
        state.requestWork(A, 900, 0, 12_100);
        state.peerHeadChanged(A, 1_005);
        assertThat(state.dispatch(12_200))
                .containsExactly(new SchedulingState.Assign(A, BlockRange.of(1_000, 1_005)));
    }

    @Test
    void anIdleStateNeedsNoTimer() {
        SchedulingState state = state(TestSettings.follow());
        state.requestWork(A, 900, 0, 0);
        assertThat(state.nextDeadline()).isEmpty();
        state.addRange(BlockRange.of(10, 10));
        List<SchedulingState.Push> pushes = state.dispatch(5);
        assertThat(pushes).containsExactly(new SchedulingState.Assign(A, BlockRange.single(10)));
        assertThat(state.nextDeadline()).isEmpty();
    }

    @Test
    void aPeerThatLeavesReturnsItsBlocksAndItsLedgerEntriesGo() {
        SchedulingState state = state(TestSettings.follow());
        state.addRange(BlockRange.of(0, 9));
        state.requestWork(A, 100, 0, 0);
        state.report(A, failed(List.of(0L)), 1);
        state.requestWork(A, 100, 0, 10_000);
        assertThat(state.tracker().inFlightAt(A)).isNotEmpty();
        state.peerLeft(A);
        assertThat(state.tracker().waitingCount()).isEqualTo(10);
        assertThat(state.ledger().size()).isZero();
        assertThat(state.tracker().attempts(0)).isEqualTo(1);
    }

    @Test
    void blocksAReportDoesNotMentionGoBackWithoutPenalty() {
        SchedulingState state = state(TestSettings.historical());
        state.addRange(BlockRange.of(0, 9));
        state.requestWork(A, 100, 0, 0);
        state.report(A, new SchedulingState.Report(List.of(0L, 1L), List.of(), List.of()), 5);
        assertThat(state.tracker().waitingCount()).isEqualTo(8);
        assertThat(state.tracker().attempts(5)).isZero();
        assertThat(state.ledger().size()).isZero();
    }

    @Test
    void aStallIsReportedOnlyWhileWorkWaitsAndNamesBlocksAndPeers() {
        SchedulingState state = state(TestSettings.follow());
        state.addRange(BlockRange.of(500, 500));
        long now = 0;
        for (int i = 0; i < 5; i++) {
            now += 10_000;
            assertThat(state.requestWork(A, 1_000, 0, now))
                    .isInstanceOf(SchedulingState.Assign.class);
            state.report(A, failed(List.of(500L)), now);
        }
        long lastAssigned = now;
        assertThat(state.tracker().escalatedCount()).isEqualTo(1);
        state.peerHeadChanged(A, 400); // its head went back: nobody covers block 500 now
        state.requestWork(A, 400, 0, now);
        state.dispatch(now);
        assertThat(state.stallReportIfDue(lastAssigned + 9_999, List.of())).isEmpty();
        SyncStalled report =
                state.stallReportIfDue(
                                lastAssigned + 10_000,
                                List.of(new SyncStalled.MailboxDepth("scheduler", 0)))
                        .orElseThrow();
        assertThat(report.stalledFor().toMillis()).isEqualTo(10_000);
        assertThat(report.escalation()).isEqualTo(1);
        assertThat(report.escalatedBlocks())
                .containsExactly(new SyncStalled.EscalatedBlock(500, 5, SyncStalled.NEVER));
        assertThat(report.peers())
                .extracting(SyncStalled.PeerStatus::state)
                .containsExactly(SyncStalled.PeerState.HEAD_BEHIND);
        assertThat(report.toLogLine())
                .contains("escalation=1")
                .contains("500 attempts 5 retry never")
                .contains("a head 400")
                .contains("scheduler=0")
                .doesNotContain("\n");
        assertThat(state.stallReportIfDue(lastAssigned + 15_000, List.of()))
                .as("once per threshold")
                .isEmpty();
        assertThat(state.stallReportIfDue(lastAssigned + 20_000, List.of())).isPresent();
        state.withdrawRange(BlockRange.of(500, 500));
        state.dispatch(lastAssigned + 21_000);
        assertThat(state.stallReportIfDue(lastAssigned + 200_000, List.of())).isEmpty();
        assertThat(state.nextDeadline()).as("nothing waits: no timer").isEmpty();
    }

    @Test
    void aSnapshotCarriesEverythingAndTheNewModesCapsApply() {
        SchedulingState historical = state(TestSettings.historical());
        historical.addRange(BlockRange.of(0, 99));
        historical.requestWork(A, 1_000, 0, 0); // 0..31 in flight at A
        historical.requestWork(B, 1_000, 0, 0); // 32..63 at B
        historical.report(
                B,
                new SchedulingState.Report(
                        BlockRange.of(32, 40).blocks(), BlockRange.of(41, 63).blocks(), List.of()),
                10);
        for (int i = 0; i < 10; i++) {
            historical.ledger().recordFailure(70, C, 1_000);
        }
        long now = 1_001;
        SchedulingState follow = state(TestSettings.follow());
        follow.restore(historical.snapshot(), now);
        assertThat(follow.tracker().pending().runs())
                .isEqualTo(historical.tracker().pending().runs());
        assertThat(follow.tracker().escalatedCount())
                .isEqualTo(historical.tracker().escalatedCount());
        assertThat(follow.tracker().inFlightAt(A)).isEqualTo(BlockRange.of(0, 31).blocks());
        assertThat(follow.tracker().awaitingDurabilityCount()).isEqualTo(9);
        assertThat(follow.tracker().attempts(41)).isEqualTo(1);
        assertThat(historical.ledger().readyAt(70, C)).isEqualTo(1_000 + 128_000);
        assertThat(follow.ledger().readyAt(70, C))
                .as("cut to the follow cap")
                .isEqualTo(now + 5_000);
        assertThat(follow.ledger().get(70, C).orElseThrow().failures()).isEqualTo(10);
        assertThat(follow.peer(B).batchSize()).isLessThanOrEqualTo(32);
    }

    @Test
    void pollsGoRoundTheParkedPeersWithTheHighestHeadsAndUnparkThem() {
        SchedulingState state = state(TestSettings.follow());
        PeerId behind = PeerId.of("behind");
        // nothing waits: every peer is parked
        state.requestWork(A, 500, 0, 0);
        state.requestWork(B, 500, 0, 0);
        state.requestWork(C, 500, 0, 0);
        state.requestWork(behind, 400, 0, 0);
        assertThat(state.parkedPeers()).hasSize(4);

        List<PeerId> polled = new java.util.ArrayList<>();
        for (long now = 1; now <= 6; now++) {
            PeerId peer = state.pollCandidate(2, now).orElseThrow();
            polled.add(peer);
            assertThat(state.parkedPeers())
                    .as("a polled peer will ask again")
                    .doesNotContainKey(peer);
            state.requestWork(peer, 500, 0, now); // it proved its head and asks again
        }
        assertThat(polled)
                .as("the two best peers by head, taken in turn")
                .containsExactly(A, B, A, B, A, B);
    }

    @Test
    void withNoParkedPeerThereIsNoOneToPoll() {
        SchedulingState state = state(TestSettings.follow());
        state.addRange(BlockRange.of(0, 99));
        state.requestWork(A, 500, 0, 0); // fetching
        assertThat(state.pollCandidate(3, 1)).isEmpty();
    }
}
