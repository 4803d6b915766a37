package io.annals.sync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.BlockRange;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RunSetTest {

    @Test
    void adjacentAndOverlappingRangesMergeIntoOneRun() {
        RunSet set = new RunSet();
        assertThat(set.addRange(10, 19)).isEqualTo(10);
        assertThat(set.addRange(20, 29)).isEqualTo(10);
        assertThat(set.addRange(5, 12)).isEqualTo(5);
        assertThat(set.add(15)).isFalse();
        assertThat(set.runs()).containsExactly(BlockRange.of(5, 29));
        assertThat(set.size()).isEqualTo(25);
        assertThat(set.first()).hasValue(5);
    }

    @Test
    void removingFromTheMiddleSplitsARun() {
        RunSet set = new RunSet();
        set.addRange(0, 99);
        assertThat(set.removeRange(40, 59)).isEqualTo(20);
        assertThat(set.runs()).containsExactly(BlockRange.of(0, 39), BlockRange.of(60, 99));
        assertThat(set.contains(40)).isFalse();
        assertThat(set.ceiling(40)).hasValue(60);
        assertThat(set.countIn(30, 70)).isEqualTo(10 + 11);
        assertThat(set.runsWithin(30, 70))
                .containsExactly(BlockRange.of(30, 39), BlockRange.of(60, 70));
    }

    @Test
    void behavesLikeASortedSetOfNumbers() {
        Random random = new Random(7);
        RunSet set = new RunSet();
        TreeSet<Long> model = new TreeSet<>();
        for (int step = 0; step < 5_000; step++) {
            long first = random.nextInt(300);
            long last = first + random.nextInt(12);
            if (random.nextBoolean()) {
                long expected = 0;
                for (long b = first; b <= last; b++) {
                    expected += model.add(b) ? 1 : 0;
                }
                assertThat(set.addRange(first, last)).isEqualTo(expected);
            } else {
                long expected = 0;
                for (long b = first; b <= last; b++) {
                    expected += model.remove(b) ? 1 : 0;
                }
                assertThat(set.removeRange(first, last)).isEqualTo(expected);
            }
            assertThat(set.size()).isEqualTo(model.size());
            long probe = random.nextInt(320);
            assertThat(set.contains(probe)).isEqualTo(model.contains(probe));
            Long ceiling = model.ceiling(probe);
            if (ceiling == null) {
                assertThat(set.ceiling(probe)).isEmpty();
            } else {
                assertThat(set.ceiling(probe)).hasValue(ceiling);
            }
        }
        assertThat(set.toList()).containsExactlyElementsOf(model);
    }
}
