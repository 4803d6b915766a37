package io.annals.sync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import io.annals.store.BlockRange;
import io.annals.sync.TestSettings;
import io.annals.sync.model.NoWorkReason;
import io.annals.sync.model.PeerId;
import io.annals.sync.model.SyncMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ledger's rules for what real peers and a real writer add: the range a peer serves, the
 * durability window (backpressure from the writer), blocks the writer refuses, answers cut short by
 * a response limit, and batch sizes from measured throughput.
 */
class SyncFlowStateTest {

    private static final PeerId A = PeerId.of("a");
    private static final PeerId B = PeerId.of("b");

    private static SchedulingState state(SchedulerSettings settings) {
        return new SchedulingState(settings, 10_000);
    }

    private static SchedulerSettings historicalWithWindow(int window) {
        return SchedulerSettings.fromConfig(
                ConfigFactory.parseString(
                                "annals.sync.historical.max-blocks-unpersisted = " + window)
                        .withFallback(ConfigFactory.load()),
                SyncMode.HISTORICAL);
    }

    private static SchedulingState.Report delivered(List<Long> blocks) {
        return new SchedulingState.Report(blocks, List.of(), List.of());
    }

    @Test
    void aPeerIsGivenOnlyBlocksWithinTheRangeItServes() {
        SchedulingState state = state(TestSettings.historical());
        state.addRange(BlockRange.of(0, 999));
        assertThat(state.requestWork(A, 999, 500, 0))
                .as("its announced earliest block is 500")
                .isEqualTo(new SchedulingState.Assign(A, BlockRange.of(500, 531)));
        assertThat(state.requestWork(B, 999, 0, 0))
                .isEqualTo(new SchedulingState.Assign(B, BlockRange.of(0, 31)));
        state.withdrawRange(BlockRange.of(500, 999));
        assertThat(state.requestWork(A, 999, 500, 0))
                .as("nothing left within its range")
                .isEqualTo(new SchedulingState.Parked(NoWorkReason.HEAD_BEHIND));
        assertThat(state.peer(A).staleUntilMillis())
                .as("its range is re-checked after the cooldown")
                .isEqualTo(TestSettings.historical().staleHeadCooldown().toMillis());
    }

    @Test
    void noBatchIsAssignedPastTheDurabilityWindowUntilTheWriterCatchesUp() {
        SchedulingState state = state(historicalWithWindow(128));
        state.addRange(BlockRange.of(0, 999));
        state.requestWork(A, 999, 0, 0);
        state.report(A, delivered(BlockRange.of(0, 31).blocks()), 10);
        assertThat(state.requestWork(A, 999, 0, 20))
                .isEqualTo(new SchedulingState.Assign(A, BlockRange.of(32, 63)));
        assertThat(state.requestWork(B, 999, 0, 20))
                .isEqualTo(new SchedulingState.Assign(B, BlockRange.of(64, 95)));
        state.report(A, delivered(BlockRange.of(32, 63).blocks()), 30);
        // 64 awaiting durability + 32 in flight at B: a batch may take the 32 left of the window
        assertThat(state.requestWork(A, 999, 0, 40))
                .isEqualTo(new SchedulingState.Assign(A, BlockRange.of(96, 127)));
        state.report(B, delivered(BlockRange.of(64, 95).blocks()), 50);
        assertThat(state.requestWork(B, 999, 0, 60))
                .isEqualTo(new SchedulingState.Parked(NoWorkReason.WRITER_BEHIND));
        assertThat(state.stats(60).peersWaitingForWriter()).isEqualTo(1);
        assertThat(state.parkedPeers().get(B).retryAtMillis())
                .as("no timer: the writer's ack wakes the peer")
                .isEqualTo(Long.MAX_VALUE);
        state.persisted(BlockRange.of(0, 31).blocks(), 70);
        assertThat(state.dispatch(70))
                .containsExactly(new SchedulingState.Assign(B, BlockRange.of(128, 159)));
    }

    @Test
    void aBlockTheWriterRefusesWaitsAgainAsAFailureOfThePeerThatDeliveredIt() {
        SchedulingState state = state(TestSettings.historical());
        state.addRange(BlockRange.of(0, 9));
        state.requestWork(A, 999, 0, 0);
        state.report(A, delivered(BlockRange.of(0, 9).blocks()), 10);
        state.rejected(A, List.of(5L), 20);
        assertThat(state.tracker().awaitingDurabilityCount()).isEqualTo(9);
        assertThat(state.tracker().isWaiting(5)).isTrue();
        assertThat(state.tracker().attempts(5)).isEqualTo(1);
        assertThat(state.ledger().isCoolingDown(5, A, 21)).isTrue();
        assertThat(state.peer(A).inBackoff(21)).isTrue();
        assertThat(state.requestWork(B, 999, 0, 30))
                .isEqualTo(new SchedulingState.Assign(B, BlockRange.of(5, 5)));
    }

    @Test
    void anAnswerCutShortCapsThePeersBatchesWithoutCountingAgainstIt() {
        SchedulingState state = state(TestSettings.historical());
        state.addRange(BlockRange.of(0, 999));
        state.requestWork(A, 999, 0, 0);
        state.report(A, delivered(BlockRange.of(0, 9).blocks()), 10);
        assertThat(state.tracker().isWaiting(10)).as("the rest goes back without penalty").isTrue();
        assertThat(state.tracker().attempts(10)).isZero();
        assertThat(state.peer(A).inBackoff(10)).isFalse();
        assertThat(state.requestWork(A, 999, 0, 20))
                .isEqualTo(new SchedulingState.Assign(A, BlockRange.of(10, 19)));
        state.report(A, delivered(BlockRange.of(10, 19).blocks()), 30);
        assertThat(state.requestWork(A, 999, 0, 40))
                .as("each full answer raises the cap by one")
                .isEqualTo(new SchedulingState.Assign(A, BlockRange.of(20, 30)));
    }

    @Test
    void measuredThroughputSizesBatchesAndFailuresLowerItGradually() {
        SchedulingState state = state(TestSettings.historical()); // target batch time 5 s
        state.addRange(BlockRange.of(0, 9_999));
        state.requestWork(A, 99_999, 0, 0);
        state.measured(A, 32, 32_000, 20_000); // 1.6 blocks per second: 8 blocks in 5 s
        state.report(A, delivered(BlockRange.of(0, 31).blocks()), 20_000);
        assertThat(state.requestWork(A, 99_999, 0, 20_000))
                .isEqualTo(new SchedulingState.Assign(A, BlockRange.of(32, 39)));
        state.requestWork(B, 99_999, 0, 20_000);
        state.measured(B, 32, 32_000, 100); // 320 blocks per second: a full batch
        state.report(B, delivered(BlockRange.of(40, 71).blocks()), 20_100);
        assertThat(state.requestWork(B, 99_999, 0, 20_100).toString()).contains("72..199");
        state.measured(B, 0, 0, 100);
        state.report(
                B,
                new SchedulingState.Report(List.of(), BlockRange.of(72, 199).blocks(), List.of()),
                20_200);
        assertThat(state.peer(B).blocksPerSecond())
                .as("a failed batch lowers the rate by 30 %")
                .isEqualTo(224.0);
        assertThat(state.peer(B).batchSize())
                .as("still a full batch, not half of one")
                .isEqualTo(128);
    }
}
