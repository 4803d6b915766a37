package io.annals.sync.head;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.BlockRange;
import io.annals.sync.PeerId;
import io.annals.sync.SyncMode;
import java.util.List;
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
  void historicalTargetsStopAtTheRollbackWindowAndSkipWhatIsStored() {
    TargetPlanner planner = new TargetPlanner(0, 64, SyncMode.HISTORICAL,
        List.of(new BlockRange(0, 99), new BlockRange(200, 299)));
    assertThat(planner.extendTo(-1)).isEmpty();
    assertThat(planner.extendTo(1_000)).containsExactly(io.annals.sync.BlockRange.of(100, 199),
        io.annals.sync.BlockRange.of(300, 936));
    assertThat(planner.extendTo(990)).as("never shrinks").isEmpty();
    assertThat(planner.extendTo(1_010)).containsExactly(io.annals.sync.BlockRange.of(937, 946));
    assertThat(planner.historicalTargetReached(945)).isFalse();
    assertThat(planner.historicalTargetReached(946)).isTrue();
    planner.switchedTo(SyncMode.FOLLOW);
    assertThat(planner.historicalTargetReached(946)).isFalse();
    assertThat(planner.extendTo(1_010)).as("follow mode goes up to the head")
        .containsExactly(io.annals.sync.BlockRange.of(947, 1_010));
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
    assertThat(planner.extendTo(5_100)).containsExactly(io.annals.sync.BlockRange.of(5_000, 5_100));
  }
}
