package io.annals.devnet.chain;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ranks 0..n-1 drawn with probability proportional to {@code 1 / (rank + 1)^s}: how often
 * contracts, events and accounts recur on mainnet (a handful of tokens and routers take most of the
 * traffic, a long tail is seen once). Sampling inverts the cumulative distribution by binary
 * search. The tables depend only on (n, s) and are shared; the class is immutable and thread-safe.
 */
final class Zipf {
    private static final Map<String, double[]> TABLES = new ConcurrentHashMap<>();

    private final double[] cumulative;

    Zipf(int n, double exponent) {
        if (n < 1 || !(exponent > 0)) {
            throw new IllegalArgumentException("Zipf needs n >= 1 and a positive exponent");
        }
        this.cumulative = TABLES.computeIfAbsent(n + "^" + exponent, key -> table(n, exponent));
    }

    int size() {
        return cumulative.length;
    }

    int draw(SplitMix random) {
        int at = Arrays.binarySearch(cumulative, random.nextDouble());
        int rank = at >= 0 ? at : -at - 1;
        return Math.min(rank, cumulative.length - 1);
    }

    private static double[] table(int n, double exponent) {
        double[] table = new double[n];
        double sum = 0;
        for (int rank = 0; rank < n; rank++) {
            sum += Math.pow(rank + 1, -exponent);
            table[rank] = sum;
        }
        for (int rank = 0; rank < n; rank++) {
            table[rank] /= sum;
        }
        return table;
    }
}
