package io.annals.cluster.directory;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.cluster.range.RangeMap;
import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Routing by the directory: owner first, then other live holders, unreachable, missing; the head.
 */
class DirectoryTest {
    private static final RangeMap RANGES = new RangeMap(0, 100);
    private static final Hash H = Hash.fromHex("0x" + "ab".repeat(32));

    @Test
    void theOwnerAnswersWhatItHoldsAndWhatNobodyIsKnownToHold() {
        Directory directory =
                directory(
                        Set.of("a", "b"),
                        holding(1, "a", true, 100, 160),
                        holding(1, "b", false, 150, 199));
        assertThat(directory.route(BlockRange.of(100, 199)))
                .containsExactly(
                        new Route.Member(BlockRange.of(100, 160), "a"),
                        new Route.Member(BlockRange.of(161, 199), "b"));
        Directory ownerOnly = directory(Set.of("a"), holding(1, "a", true, 100, 130));
        assertThat(ownerOnly.route(BlockRange.of(120, 150)))
                .as("the owner's store may be ahead of what it published")
                .containsExactly(new Route.Member(BlockRange.of(120, 150), "a"));
    }

    @Test
    void blocksHeldOnlyByHostsThatAreNotLiveAreUnreachableAndNobodysAreMissing() {
        Directory directory =
                directory(
                        Set.of("b"),
                        holding(1, "a", true, 100, 199),
                        holding(2, "b", true, 200, 250));
        assertThat(directory.route(BlockRange.of(150, 260)))
                .containsExactly(
                        new Route.Unreachable(BlockRange.of(150, 199), "a"),
                        new Route.Member(BlockRange.of(200, 260), "b"));
        assertThat(directory.route(BlockRange.of(300, 420)))
                .as("ranges nobody ever held")
                .containsExactly(new Route.Missing(BlockRange.of(300, 420)));
        assertThat(directory.ownerOf(1)).as("not live").isEmpty();
    }

    @Test
    void theHeadCountsEveryHoldingSoItDoesNotFallWhenAHostIsLost() {
        Directory directory =
                directory(
                        Set.of("b"),
                        holding(0, "a", true, 0, 99),
                        holding(1, "b", true, 100, 180),
                        holding(1, "c", false, 181, 199),
                        holding(2, "b", true, 205, 250));
        assertThat(directory.head()).hasValue(199);
        assertThat(directory.earliest()).hasValue(0);
        assertThat(directory(Set.of(), holding(1, "a", true, 100, 199)).head())
                .as("the start block is held by nobody")
                .isEmpty();
        assertThat(directory.liveHolders()).containsExactly("self", "b");
        assertThat(directory.unreachableHolders()).containsExactly("a", "c");
    }

    @Test
    void blocksBelowTheStartBlockAreMissing() {
        Directory directory =
                new Directory(
                        new RangeMap(150, 100),
                        "self",
                        Map.of(1L, List.of(holding(1, "a", true, 150, 199))),
                        Map.of(),
                        Set.of("a"),
                        Optional.empty());
        assertThat(directory.route(BlockRange.of(120, 170)))
                .containsExactly(
                        new Route.Missing(BlockRange.of(120, 149)),
                        new Route.Member(BlockRange.of(150, 170), "a"));
    }

    private static Holding holding(
            long range, String member, boolean owned, long first, long last) {
        return new Holding(range, member, owned, List.of(new HeldRun(first, last, H)));
    }

    private static Directory directory(Set<String> live, Holding... holdings) {
        Map<Long, List<Holding>> byRange = new HashMap<>();
        for (Holding h : holdings) {
            byRange.computeIfAbsent(h.range(), r -> new ArrayList<>()).add(h);
        }
        return new Directory(RANGES, "self", byRange, Map.of(), live, Optional.empty());
    }
}
