package io.annals.cluster.range;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.cluster.directory.Directory;
import io.annals.cluster.directory.HeldRun;
import io.annals.cluster.directory.Holding;
import io.annals.cluster.tip.TipState;
import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a host publishes, which stale entries it removes, which leftovers it drops. */
class HoldingsTest {
    private static final RangeMap RANGES = new RangeMap(0, 100);
    private static final Hash H = Hash.fromHex("0x" + "ab".repeat(32));

    @Test
    void oneHoldingPerRangeWithDataOrOwned() {
        Ownership owned = new Ownership(Set.of(1L, 4L), List.of(BlockRange.of(100, 199)));
        Map<String, Holding> mine =
                Holdings.of(
                        "me",
                        RANGES,
                        owned,
                        List.of(BlockRange.of(150, 230), BlockRange.of(250, 260)),
                        n -> Optional.of(H));
        assertThat(mine.get("1/me").runs()).containsExactly(new HeldRun(150, 199, H));
        assertThat(mine.get("1/me").owned()).isTrue();
        assertThat(mine.get("2/me").runs())
                .containsExactly(new HeldRun(200, 230, H), new HeldRun(250, 260, H));
        assertThat(mine.get("2/me").owned()).isFalse();
        assertThat(mine.get("4/me").runs()).as("owned, nothing stored yet").isEmpty();
        assertThat(mine).hasSize(3);
    }

    @Test
    void leftoversGoOnceTheOwnerOrTheTipHoldsThemAndStaleEntriesOnceReSynced() {
        Map<String, Holding> mine = new HashMap<>();
        mine.put("1/me", new Holding(1, "me", false, List.of(new HeldRun(100, 199, H))));
        mine.put("2/me", new Holding(2, "me", true, List.of(new HeldRun(200, 299, H))));
        Directory directory =
                directory(
                        Set.of("owner", "tip"),
                        Optional.of(new TipState(199, 150, 140, "tip")),
                        mine.get("1/me"),
                        mine.get("2/me"),
                        new Holding(1, "owner", true, List.of(new HeldRun(100, 140, H))),
                        new Holding(1, "tip", false, List.of(new HeldRun(151, 199, H))),
                        new Holding(2, "gone", true, List.of(new HeldRun(200, 260, H))));
        Ownership ownership = new Ownership(Set.of(2L), List.of(BlockRange.of(200, 299)));
        assertThat(Holdings.leftoversHeldByOwners(directory, ownership, mine))
                .as("what the owner holds below the seal, what the tip holds above it")
                .containsExactly(BlockRange.of(100, 140), BlockRange.of(151, 199));
        assertThat(Holdings.staleCovered(directory, mine))
                .as("a host that is gone, whose blocks this owner holds again")
                .containsExactly("2/gone");
    }

    private static Directory directory(
            Set<String> live, Optional<TipState> tip, Holding... holdings) {
        Map<Long, List<Holding>> byRange = new HashMap<>();
        for (Holding h : holdings) {
            byRange.computeIfAbsent(h.range(), r -> new ArrayList<>()).add(h);
        }
        return new Directory(RANGES, "me", byRange, Map.of(), live, tip);
    }
}
