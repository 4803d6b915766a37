package io.annals.devnet.chain;

/**
 * SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA
 * 2014): a tiny, fast generator whose every output is fixed by its seed. The generator's own,
 * rather than the JDK's, so that a chain generated today is generated identically by any later JDK;
 * a reused store depends on that. Not thread-safe: one instance per block or per task.
 */
public final class SplitMix {
    private static final long GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    public SplitMix(long seed) {
        this.state = seed;
    }

    /** A generator for one purpose of one seed, e.g. (chain seed, block number, branch). */
    public static SplitMix of(long... parts) {
        long seed = 0x5DEECE66DL;
        for (long part : parts) {
            seed = mix(seed ^ mix(part + GAMMA));
        }
        return new SplitMix(seed);
    }

    /** The SplitMix64 output function: a bijective 64-bit mixer. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    public long nextLong() {
        state += GAMMA;
        return mix(state);
    }

    /** Uniform in {@code 0..bound-1} (Lemire's multiply-and-reject, unbiased). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long product = (nextLong() >>> 32) * bound;
        long low = product & 0xFFFFFFFFL;
        if (low < bound) {
            long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold) {
                product = (nextLong() >>> 32) * bound;
                low = product & 0xFFFFFFFFL;
            }
        }
        return (int) (product >>> 32);
    }

    /** Uniform in {@code min..max} inclusive. */
    public long between(long min, long max) {
        long span = max - min + 1;
        if (span <= 0 || span > Integer.MAX_VALUE) {
            return min + Long.remainderUnsigned(nextLong(), span <= 0 ? Long.MAX_VALUE : span);
        }
        return min + nextInt((int) span);
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    public boolean chance(double probability) {
        return nextDouble() < probability;
    }

    /** A geometric count with the given mean (0, 1, 2, ... with P(k) = p (1-p)^k). */
    public int geometric(double mean) {
        if (mean <= 0) {
            return 0;
        }
        double p = 1.0 / (1.0 + mean);
        return (int) Math.min(10_000, Math.floor(Math.log(1 - nextDouble()) / Math.log(1 - p)));
    }

    /** An exponentially distributed value with the given mean, rounded down. */
    public long exponential(double mean) {
        return (long) (-Math.log(1 - nextDouble()) * mean);
    }

    /** Fills {@code length} bytes at {@code offset} with random bytes. */
    public void nextBytes(byte[] out, int offset, int length) {
        int i = 0;
        while (i < length) {
            long bits = nextLong();
            for (int b = 0; b < 8 && i < length; b++, i++) {
                out[offset + i] = (byte) (bits >>> (8 * b));
            }
        }
    }

    public byte[] nextBytes(int length) {
        byte[] out = new byte[length];
        nextBytes(out, 0, length);
        return out;
    }
}
