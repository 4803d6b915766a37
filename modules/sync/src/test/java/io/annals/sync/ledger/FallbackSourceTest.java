package io.annals.sync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.BlockRange;
import io.annals.sync.TestSettings;
import io.annals.sync.model.NoWorkReason;
import io.annals.sync.model.PeerId;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * History no peer serves (peers whose earliest block is above it, as since EIP-4444): a fallback
 * source (era files) gets exactly those blocks, and blocks that escalated after failing at peers;
 * without one they are reported as having no source.
 */
class FallbackSourceTest {
    private static final PeerId PEER = PeerId.of("peer");
    private static final PeerId OTHER = PeerId.of("other");
    private static final PeerId ERA = PeerId.of("era");

    @Test
    void aFallbackSourceGetsOnlyTheBlocksBelowEveryPeersEarliestBlock() {
        SchedulingState state = new SchedulingState(TestSettings.historical(), 10_000);
        state.addRange(BlockRange.of(0, 999));
        // two peers that expired history below 600 and 400
        SchedulingState.Decision peer = state.requestWork(PEER, 999, 600, 0);
        SchedulingState.Decision other = state.requestWork(OTHER, 999, 400, 0);
        assertThat(range(peer).first()).isGreaterThanOrEqualTo(600);
        assertThat(range(other).first()).isGreaterThanOrEqualTo(400);
        assertThat(state.stats(0).unserved()).containsExactly(BlockRange.of(0, 399));

        SchedulingState.Decision era = state.requestWork(ERA, 999, 0, true, 0);
        BlockRange given = range(era);
        assertThat(given.first()).isZero();
        assertThat(given.last()).isLessThanOrEqualTo(399);
        assertThat(state.stats(0).unserved()).as("the fallback covers them").isEmpty();

        // the fallback takes batch after batch until everything below 400 is done, never more
        state.report(ERA, new SchedulingState.Report(given.blocks(), List.of(), List.of()), 0);
        state.persisted(given.blocks(), 0);
        long highest = given.last();
        SchedulingState.Decision next = state.requestWork(ERA, 999, 0, true, 0);
        while (next instanceof SchedulingState.Assign assign) {
            highest = Math.max(highest, assign.batch().last());
            state.report(
                    ERA,
                    new SchedulingState.Report(assign.batch().blocks(), List.of(), List.of()),
                    0);
            state.persisted(assign.batch().blocks(), 0);
            next = state.requestWork(ERA, 999, 0, true, 0);
        }
        assertThat(highest).isEqualTo(399);
        assertThat(((SchedulingState.Parked) next).reason()).isEqualTo(NoWorkReason.HEAD_BEHIND);
        for (long block = 0; block < 400; block++) {
            assertThat(state.tracker().isWaiting(block)).as("block %d waits", block).isFalse();
        }
        assertThat(state.tracker().isWaiting(999))
                .as("the peers' blocks wait for the peers")
                .isTrue();
    }

    @Test
    void withoutAFallbackTheRangeHasNoSourceAndTheStallReportSaysSo() {
        SchedulingState state = new SchedulingState(TestSettings.historical(), 10_000);
        state.addRange(BlockRange.of(0, 99));
        state.requestWork(PEER, 99, 50, 0);
        assertThat(state.stats(0).unserved()).containsExactly(BlockRange.of(0, 49));
        long later = TestSettings.historical().stallThreshold().toMillis() * 2;
        var report = state.stallReportIfDue(later, List.of());
        // the peer is busy with 50..99, so nothing stalls yet; once it has them all, 0..49 remain
        assertThat(report.isEmpty() || report.get().unserved().contains(BlockRange.of(0, 49)))
                .isTrue();
        assertThat(io.annals.sync.model.SyncStalled.describeUnserved(List.of(BlockRange.of(0, 49))))
                .contains("no source for blocks 0..49")
                .contains("annals.history.era-sources");
    }

    @Test
    void blocksThatEscalatedAtPeersGoToTheFallbackToo() {
        SchedulerSettings settings = TestSettings.historical();
        SchedulingState state = new SchedulingState(settings, 10_000);
        state.addRange(BlockRange.of(1000, 1009));
        long now = 0;
        // a peer that claims everything but fails block 1000 until it escalates
        for (int attempt = 0; attempt < settings.maxAttemptsPerBlock(); attempt++) {
            SchedulingState.Decision decision = state.requestWork(PEER, 2000, 0, now);
            if (decision instanceof SchedulingState.Assign assign) {
                state.report(
                        PEER,
                        new SchedulingState.Report(List.of(), assign.batch().blocks(), List.of()),
                        now);
            }
            now += settings.maxBlockBackoff().toMillis() + 1;
        }
        assertThat(state.tracker().escalatedCount()).isPositive();
        SchedulingState.Decision era = state.requestWork(ERA, 2000, 0, true, now);
        assertThat(range(era).first()).isEqualTo(1000);
    }

    private static BlockRange range(SchedulingState.Decision decision) {
        assertThat(decision).isInstanceOf(SchedulingState.Assign.class);
        return ((SchedulingState.Assign) decision).batch();
    }
}
