package io.annals.cluster.range;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.BlockRange;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a host tells its scheduler as ranges come and go, the sealed block rises and the tip moves.
 */
class TargetSetTest {
    private static final RangeMap RANGES = new RangeMap(0, 100);

    @Test
    void ownedRangesAreSyncedUpToTheSealedBlockMinusWhatIsStored() {
        TargetSet target = new TargetSet(RANGES);
        target.own(1);
        target.own(3);
        assertThat(target.changes(nothingStored()).isEmpty()).as("nothing sealed yet").isTrue();
        target.sealedThrough(350);
        TargetSet.Changes first =
                target.changes(
                        (from, to) ->
                                from <= 150 && 150 <= to
                                        ? List.of(BlockRange.of(from, 149), BlockRange.of(151, to))
                                        : List.of(BlockRange.of(from, to)));
        assertThat(first.add())
                .containsExactly(
                        BlockRange.of(100, 149), BlockRange.of(151, 199), BlockRange.of(300, 350));
        assertThat(first.withdraw()).isEmpty();
        target.sealedThrough(420);
        assertThat(target.changes(nothingStored()).add())
                .as("only what the sealed block grew by")
                .containsExactly(BlockRange.of(351, 399));
        target.sealedThrough(300);
        assertThat(target.changes(nothingStored()).isEmpty())
                .as("the sealed block never falls")
                .isTrue();
    }

    @Test
    void aHandedOffRangeIsWithdrawnAndTheTipWindowStaysAboveTheSealedBlock() {
        TargetSet target = new TargetSet(RANGES);
        target.own(4);
        target.sealedThrough(450);
        target.head(514);
        target.becomeTip(430);
        TargetSet.Changes tip = target.changes(nothingStored());
        assertThat(tip.add())
                .as("the range up to the seal, the window above it to the head")
                .containsExactly(BlockRange.of(400, 514));
        assertThat(target.required())
                .as("the window is everything above the sealed block")
                .containsExactly(BlockRange.of(400, io.annals.store.HistoryStore.MAX_BLOCK_NUMBER));
        target.disown(4);
        target.sealedThrough(460);
        TargetSet.Changes moved = target.changes(nothingStored());
        assertThat(moved.withdraw())
                .as("the range's part, not the tip's window")
                .containsExactly(BlockRange.of(400, 460));
        target.stopTip();
        assertThat(target.changes(nothingStored()).withdraw())
                .containsExactly(BlockRange.of(461, 514));
        assertThat(target.required()).isEmpty();
    }

    private static TargetSet.Missing nothingStored() {
        return (from, to) -> List.of(BlockRange.of(from, to));
    }
}
