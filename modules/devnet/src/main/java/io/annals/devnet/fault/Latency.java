package io.annals.devnet.fault;

import java.time.Duration;
import java.util.Objects;

/** Slow answers: each request is served after a delay drawn uniformly from {@code min..max}. */
public record Latency(Duration min, Duration max) {
    public Latency {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException(
                    "latency needs 0 <= min <= max, got " + min + ".." + max);
        }
    }
}
