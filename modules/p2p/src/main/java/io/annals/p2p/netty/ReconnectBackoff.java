package io.annals.p2p.netty;

import java.time.Duration;

/** Exponential reconnect delay: {@code min * 2^(failures-1)}, capped at {@code max}; pure. */
public record ReconnectBackoff(Duration min, Duration max) {
    public ReconnectBackoff {
        if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 < min <= max, got " + min + " and " + max);
        }
    }

    /**
     * The delay before the next attempt after {@code consecutiveFailures} failed ones (0: after a
     * session ended).
     */
    public Duration delayAfter(int consecutiveFailures) {
        if (consecutiveFailures <= 1) {
            return min;
        }
        int shift = Math.min(consecutiveFailures - 1, 30);
        long millis = min.toMillis() << shift;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
