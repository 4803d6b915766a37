package io.annals.p2p.discv4;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A token bucket per source IP: {@code ratePerSecond} packets a second with bursts of {@code
 * burst}. The map of sources is bounded (least recently active dropped first), so a flood from many
 * spoofed addresses costs bounded memory. Plain and single-threaded; time is passed in.
 */
final class RateLimiter {
    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    private final double ratePerMilli;
    private final double burst;
    private final Map<String, Bucket> buckets;

    RateLimiter(int ratePerSecond, int burst, int maxSources) {
        this.ratePerMilli = ratePerSecond / 1000.0;
        this.burst = burst;
        this.buckets =
                new LinkedHashMap<>(64, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                        return size() > maxSources;
                    }
                };
    }

    /** Takes one token for {@code source}; false when its bucket is empty. */
    boolean tryAcquire(String source, long nowMillis) {
        Bucket b = buckets.get(source);
        if (b == null) {
            b = new Bucket(burst, nowMillis);
            buckets.put(source, b);
        } else {
            long elapsed = Math.max(0, nowMillis - b.updated);
            b.tokens = Math.min(burst, b.tokens + elapsed * ratePerMilli);
            b.updated = nowMillis;
        }
        if (b.tokens < 1) {
            return false;
        }
        b.tokens -= 1;
        return true;
    }
}
