package io.annals.sync.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import io.annals.sync.chain.Anchor;
import io.annals.sync.model.PeerId;
import io.annals.sync.model.SyncMode;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The head tracker's rules: which head counts, and which blocks the scheduler is given for it. */
class HeadTrackingTest {

    private static final PeerId A = PeerId.of("a");
    private static final PeerId B = PeerId.of("b");
    private static final PeerId C = PeerId.of("c");

    @Test
    void aHeadClaimedByOnePeerAloneIsAHintButAProvenOneCounts() {
        HeadVotes votes = new HeadVotes(2);
        votes.claim(A, 1_000, false);
        assertThat(votes.head()).as("one claim").isEqualTo(-1);
        votes.claim(B, 900, false);
        assertThat(votes.head()).as("both claim at least 900").isEqualTo(900);
        votes.claim(C, 950, true);
        assertThat(votes.head()).as("proven by serving the header").isEqualTo(950);
        votes.claim(B, 2_000, false);
        assertThat(votes.head()).as("A and B claim at least 1,000").isEqualTo(1_000);
        votes.forget(A);
        assertThat(votes.head()).as("B alone claims 2,000; C claims and proved 950").isEqualTo(950);
    }

    @Test
    void theChainIsAnchoredAtAHeadHashAQuorumOfPeersNamesNotAtTheHighestClaim() {
        HeadVotes votes = new HeadVotes(2);
        Hash one = Hash.fromHex("0x" + "11".repeat(32));
        Hash other = Hash.fromHex("0x" + "22".repeat(32));
        votes.claim(A, 500, Optional.of(one), false);
        assertThat(votes.anchor())
                .as("a single connected peer is all there is")
                .map(Anchor::hash)
                .contains(one);
        votes.claim(B, 500, Optional.of(other), true);
        assertThat(votes.anchor())
                .as("two peers name two blocks at one height: neither has a quorum")
                .isEmpty();
        votes.claim(C, 500, Optional.of(other), false);
        Anchor anchor = votes.anchor().orElseThrow();
        assertThat(anchor.number()).isEqualTo(500);
        assertThat(anchor.hash()).isEqualTo(other);
        assertThat(anchor.supporters()).containsExactlyInAnyOrder(B, C);
        votes.claim(A, 600, Optional.of(one), false);
        assertThat(votes.anchor())
                .as("one peer alone cannot move the anchor higher")
                .map(Anchor::hash)
                .contains(other);
        votes.claim(B, 501, Optional.empty(), false);
        assertThat(votes.anchor())
                .as("B's new head comes without a hash: the quorum is gone")
                .isEmpty();
        votes.forget(A);
        votes.forget(B);
        assertThat(votes.anchor())
                .as("C is the only peer left")
                .contains(new Anchor(500, other, java.util.Set.of(C)));
        assertThat(votes.names(C, anchor)).isTrue();
    }

    @Test
    void historicalTargetsStopAtTheRollbackWindowAndSkipWhatIsStored() {
        TargetPlanner planner =
                new TargetPlanner(
                        0,
                        64,
                        SyncMode.HISTORICAL,
                        List.of(new BlockRange(0, 99), new BlockRange(200, 299)));
        assertThat(planner.extendTo(-1)).isEmpty();
        assertThat(planner.extendTo(1_000))
                .containsExactly(
                        io.annals.store.BlockRange.of(100, 199),
                        io.annals.store.BlockRange.of(300, 936));
        assertThat(planner.extendTo(990)).as("never shrinks").isEmpty();
        assertThat(planner.extendTo(1_010))
                .containsExactly(io.annals.store.BlockRange.of(937, 946));
        assertThat(planner.historicalTargetReached(945)).isFalse();
        assertThat(planner.historicalTargetReached(946)).isTrue();
        planner.switchedTo(SyncMode.FOLLOW);
        assertThat(planner.historicalTargetReached(946)).isFalse();
        assertThat(planner.extendTo(1_010))
                .as("follow mode goes up to the head")
                .containsExactly(io.annals.store.BlockRange.of(947, 1_010));
    }

    @Test
    void aChainShorterThanTheWindowHasNothingHistoricalToDo() {
        TargetPlanner planner = new TargetPlanner(0, 64, SyncMode.HISTORICAL, List.of());
        assertThat(planner.historicalTargetReached(-1)).as("no head known yet").isFalse();
        assertThat(planner.extendTo(50)).isEmpty();
        assertThat(planner.historicalTargetReached(-1)).isTrue();
    }

    @Test
    void aStartBlockAboveZeroIsWhereTargetsBegin() {
        TargetPlanner planner = new TargetPlanner(5_000, 64, SyncMode.FOLLOW, List.of());
        assertThat(planner.extendTo(5_100))
                .containsExactly(io.annals.store.BlockRange.of(5_000, 5_100));
    }
}
