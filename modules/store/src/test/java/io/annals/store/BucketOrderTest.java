package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Differential: the bucket order is exactly a full sort without repeats. */
class BucketOrderTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 16, 256, 4096, 1 << 16})
    void equalsAFullSortWithoutRepeats(int buckets) {
        Random random = new Random(buckets);
        for (int round = 0; round < 500; round++) {
            int count = random.nextInt(round % 10 == 0 ? 5_000 : 300);
            long[] values = new long[count];
            for (int i = 0; i < count; i++) {
                // repeats on purpose, and remainders with the top bit set (unsigned halves)
                long remainder =
                        random.nextInt(4) == 0 ? random.nextInt(8) : random.nextInt() & 0xffffffffL;
                values[i] = (long) random.nextInt(buckets) << 32 | remainder;
            }
            assertThat(BucketOrder.sortedDistinct(values.clone(), buckets))
                    .isEqualTo(reference(values));
        }
    }

    @Test
    void aCrowdedBucketAndAnEmptyInputAreOrderedToo() {
        long[] crowded = LongStream.range(0, 1_000).map(i -> 7L << 32 | (i * 7919) % 613).toArray();

        assertThat(BucketOrder.sortedDistinct(crowded.clone(), 256)).isEqualTo(reference(crowded));
        assertThat(BucketOrder.sortedDistinct(new long[0], 256)).isEmpty();
    }

    private static long[] reference(long[] values) {
        return LongStream.of(values).sorted().distinct().toArray();
    }
}
