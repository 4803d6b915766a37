package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class PresenceRunsTest {
    @Test
    void addingMergesNeighboursAndTheChangeRewritesOnlyWhatMoved() {
        PresenceRuns a = PresenceRuns.EMPTY.plus(new long[] {5, 6, 7, 10});
        assertThat(a.ranges()).containsExactly(new BlockRange(5, 7), new BlockRange(10, 10));
        PresenceRuns b = a.plus(new long[] {8, 9, 20});
        assertThat(b.ranges()).containsExactly(new BlockRange(5, 10), new BlockRange(20, 20));
        PresenceRuns.Change change = a.changeTo(b);
        assertThat(change.deleted()).containsExactly(10L);
        assertThat(change.put()).containsExactly(Map.entry(5L, 10L), Map.entry(20L, 20L));
    }

    @Test
    void headMissingAndRollbackAgreeWithASetOfNumbers() {
        Random random = new Random(1);
        for (int round = 0; round < 200; round++) {
            TreeSet<Long> present = new TreeSet<>();
            PresenceRuns runs = PresenceRuns.EMPTY;
            for (int i = 0; i < 30; i++) {
                long[] numbers = random.longs(1 + random.nextInt(5), 0, 60).toArray();
                runs = runs.plus(numbers);
                for (long n : numbers) {
                    present.add(n);
                }
            }
            if (random.nextBoolean()) {
                long above = random.nextInt(70);
                runs = runs.withoutAbove(above);
                present.removeIf(n -> n > above);
            }
            if (random.nextBoolean()) {
                long first = random.nextInt(70);
                long last = first + random.nextInt(15);
                long inRange = present.subSet(first, true, last, true).size();
                assertThat(runs.countIn(first, last)).isEqualTo(inRange);
                runs = runs.without(first, last);
                present.removeIf(n -> n >= first && n <= last);
            }
            PresenceRuns persisted =
                    PresenceRuns.of(Map.of())
                            .plus(present.stream().mapToLong(Long::longValue).toArray());
            assertThat(runs.ranges()).isEqualTo(persisted.ranges());
            long start = random.nextInt(20);
            long head = start - 1;
            while (present.contains(head + 1)) {
                head++;
            }
            assertThat(runs.contiguousHead(start).orElse(start - 1)).isEqualTo(head);
            long from = random.nextInt(70);
            long to = from + random.nextInt(30);
            long missing = runs.missingIn(from, to).stream().mapToLong(BlockRange::size).sum();
            long expectedMissing = to - from + 1 - present.subSet(from, true, to, true).size();
            assertThat(missing).isEqualTo(expectedMissing);
            for (BlockRange gap : runs.missingIn(from, to)) {
                assertThat(present.subSet(gap.first(), true, gap.last(), true)).isEmpty();
            }
        }
    }

    @Test
    void countingFromTheTop() {
        PresenceRuns runs = PresenceRuns.EMPTY.plus(new long[] {1, 2, 3, 10, 11, 20});
        assertThat(runs.countAbove(0)).isEqualTo(6);
        assertThat(runs.countAbove(2)).isEqualTo(4);
        assertThat(runs.countAbove(10)).isEqualTo(2);
        assertThat(runs.countAbove(20)).isZero();
        assertThat(runs.belowHighest(1)).isEqualTo(19);
        assertThat(runs.belowHighest(2)).isEqualTo(10);
        assertThat(runs.belowHighest(4)).isEqualTo(2);
        assertThat(runs.belowHighest(6)).isEqualTo(0);
        assertThat(runs.belowHighest(9)).isEqualTo(0);
        for (int k = 1; k <= 6; k++) {
            assertThat(runs.countAbove(runs.belowHighest(k))).isEqualTo(k);
        }
    }

    @Test
    void emptyRunsHaveNoHead() {
        assertThat(PresenceRuns.EMPTY.contiguousHead(0)).isEmpty();
        assertThat(PresenceRuns.EMPTY.missingIn(3, 4)).isEqualTo(List.of(new BlockRange(3, 4)));
        assertThat(PresenceRuns.EMPTY.plus(new long[] {1}).contiguousHead(0)).isEmpty();
    }
}
