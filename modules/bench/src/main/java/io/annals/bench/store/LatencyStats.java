package io.annals.bench.store;

import java.util.Arrays;

/** Wall-clock durations of write calls, in milliseconds. */
final class LatencyStats {
    private double[] values = new double[1024];
    private int count;

    void add(double millis) {
        if (count == values.length) {
            values = Arrays.copyOf(values, count * 2);
        }
        values[count++] = millis;
    }

    double total() {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += values[i];
        }
        return sum;
    }

    double percentile(double p) {
        double[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return count == 0 ? 0 : sorted[Math.min(count - 1, (int) Math.floor(p * count))];
    }

    long countAbove(double millis) {
        return Arrays.stream(values, 0, count).filter(v -> v > millis).count();
    }

    double sumAbove(double millis) {
        return Arrays.stream(values, 0, count).filter(v -> v > millis).sum();
    }
}
