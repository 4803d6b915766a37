package io.annals.devnet;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A scheduled reorg: once the head has been block {@code atBlock} for one block time, or {@code
 * after} the devnet started, the top {@code depth} blocks are replaced by a sibling branch of the
 * same height, which peers then see with their propagation delays; growth continues on it.
 */
public record ReorgPlan(OptionalLong atBlock, Optional<Duration> after, int depth) {
    /**
     * The deepest reorg a plan may ask for: retired blocks are held in memory until every peer
     * switched.
     */
    public static final int MAX_DEPTH = 128;

    public ReorgPlan {
        if (atBlock.isPresent() == after.isPresent()) {
            throw new IllegalArgumentException("a reorg needs exactly one of at-block and after");
        }
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException(
                    "reorg depth must be within 1.." + MAX_DEPTH + ", got " + depth);
        }
    }

    public static ReorgPlan atBlock(long block, int depth) {
        return new ReorgPlan(OptionalLong.of(block), Optional.empty(), depth);
    }

    public static ReorgPlan after(Duration delay, int depth) {
        return new ReorgPlan(OptionalLong.empty(), Optional.of(delay), depth);
    }
}
