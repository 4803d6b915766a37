package io.annals.devnet.fault;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The condition of the escalation-deadlock analysis: a block within {@code depth} blocks of the
 * peer's head is answered empty (for the listed parts) until it is {@code duration} old, counted
 * from when the devnet produced it. Blocks deeper than that, or older, are served. Headers are
 * usually announced and served at once while bodies and receipts lag, hence the default parts.
 */
public record MissingTip(int depth, Duration duration, Set<Part> parts) {
    public MissingTip {
        Objects.requireNonNull(duration, "duration");
        parts = parts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(parts));
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, got " + depth);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, got " + duration);
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("name at least one of headers, bodies, receipts");
        }
    }

    /**
     * Whether block {@code number} (born {@code ageMillis} ago) is withheld by a peer whose head is
     * {@code head}.
     */
    public boolean withholds(Part part, long number, long head, long ageMillis) {
        return parts.contains(part) && number > head - depth && ageMillis < duration.toMillis();
    }
}
