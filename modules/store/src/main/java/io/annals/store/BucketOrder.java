package io.annals.store;

import java.util.Arrays;

/**
 * Sorts a block's bucketed fingerprints ({@code bucket << 32 | remainder}, the bucket below the
 * index's bucket count) and drops repeats: the order the postings are written in.
 *
 * <p>A counting pass by bucket, then each bucket's few values in place: a block's 1,500-odd values
 * spread over 256 buckets leave about six per bucket, which insertion sort orders faster than a
 * general sort orders the whole array (the general sort was a third of the writer's Java time). The
 * result is exactly that of {@code Arrays.sort} and a pass that drops repeats; with more buckets
 * than values, or a crowded bucket, it falls back to that sort.
 */
final class BucketOrder {
    /** Above this many values in one bucket, the bucket is sorted by {@link Arrays#sort}. */
    private static final int INSERTION_LIMIT = 32;

    private BucketOrder() {}

    /** {@code values} sorted without duplicates; {@code values} itself may be reordered. */
    static long[] sortedDistinct(long[] values, int buckets) {
        if (buckets > 4 * values.length + 64) {
            return fullySortedDistinct(values);
        }
        int[] starts = new int[buckets + 1];
        for (long value : values) {
            starts[bucketOf(value) + 1]++;
        }
        for (int b = 0; b < buckets; b++) {
            starts[b + 1] += starts[b];
        }
        int[] next = Arrays.copyOf(starts, buckets);
        long[] sorted = new long[values.length];
        for (long value : values) {
            sorted[next[bucketOf(value)]++] = value;
        }
        for (int b = 0; b < buckets; b++) {
            sortRange(sorted, starts[b], starts[b + 1]);
        }
        return withoutRepeats(sorted);
    }

    /** The general way to the same result: {@code values} sorted whole, repeats dropped. */
    static long[] fullySortedDistinct(long[] values) {
        Arrays.sort(values);
        return withoutRepeats(values);
    }

    private static int bucketOf(long value) {
        return (int) (value >>> 32);
    }

    private static void sortRange(long[] a, int from, int to) {
        if (to - from > INSERTION_LIMIT) {
            Arrays.sort(a, from, to);
            return;
        }
        for (int i = from + 1; i < to; i++) {
            long v = a[i];
            int j = i - 1;
            while (j >= from && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    private static long[] withoutRepeats(long[] sorted) {
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return distinct == sorted.length ? sorted : Arrays.copyOf(sorted, distinct);
    }
}
