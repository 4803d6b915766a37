package io.annals.store.testing;

import java.util.Arrays;
import java.util.Random;

/** Draws ranks 0..n-1 with probability proportional to {@code 1 / (rank + 1)^exponent}. */
final class Zipf {
    private final double[] cumulative;
    private final Random random;

    Zipf(int n, double exponent, Random random) {
        this.random = random;
        cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / Math.pow(i + 1, exponent);
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
    }

    int next() {
        int at = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(cumulative.length - 1, at >= 0 ? at : -at - 1);
    }
}
