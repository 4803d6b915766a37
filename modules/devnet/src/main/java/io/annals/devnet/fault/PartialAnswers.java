package io.annals.devnet.fault;

import java.util.EnumSet;
import java.util.Set;

/**
 * Partial answers: a request for {@code n} items (of the listed parts) is answered with only the
 * first {@code max(1, floor(n * fraction))}, a prefix, as a peer that hit a size limit would.
 */
public record PartialAnswers(double fraction, Set<Part> parts) {
    public PartialAnswers {
        parts = parts.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(parts));
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException(
                    "fraction must be strictly between 0 and 1, got " + fraction);
        }
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("name at least one of headers, bodies, receipts");
        }
    }

    /** How many of {@code requested} items are answered. */
    public long answered(long requested) {
        return requested <= 1 ? requested : Math.max(1, (long) Math.floor(requested * fraction));
    }
}
