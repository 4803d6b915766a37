package io.annals.store.testing;

import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/** Draws ranks 0..n-1 with probability proportional to {@code 1 / (rank + 1)^exponent}. */
final class Zipf {
    /**
     * The tables are large (millions of entries for users) and the same for every generator: built
     * once.
     */
    private static final Map<String, double[]> TABLES = new ConcurrentHashMap<>();

    private final double[] cumulative;
    private final Random random;

    Zipf(int n, double exponent, Random random) {
        this.random = random;
        this.cumulative = TABLES.computeIfAbsent(n + "/" + exponent, k -> table(n, exponent));
    }

    private static double[] table(int n, double exponent) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1.0 / Math.pow(i + 1, exponent);
            cumulative[i] = sum;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= sum;
        }
        return cumulative;
    }

    int next() {
        int at = Arrays.binarySearch(cumulative, random.nextDouble());
        return Math.min(cumulative.length - 1, at >= 0 ? at : -at - 1);
    }
}
