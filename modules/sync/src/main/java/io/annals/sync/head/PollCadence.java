package io.annals.sync.head;

/**
 * When to poll for the next block. A chain makes one block per block time, so polls gather where
 * the next one is due: from a quarter of a block time before one block time after the head last
 * rose, every {@code interval}, until it comes. Before that window, one poll per quarter of a block
 * time catches a block that comes early (or after missed slots, which move the window on by whole
 * block times). On mainnet (12 s, 500 ms) one peer gets about a dozen small requests per block
 * time, three peers about four each; with a block time of a few seconds it is a steady {@code
 * interval}. Times in milliseconds on the engine's clock.
 */
final class PollCadence {

    private final long intervalMillis;
    private final long blockTimeMillis;

    PollCadence(long intervalMillis, long blockTimeMillis) {
        if (intervalMillis <= 0 || blockTimeMillis <= 0) {
            throw new IllegalArgumentException("interval and block time must be positive");
        }
        this.intervalMillis = intervalMillis;
        this.blockTimeMillis = blockTimeMillis;
    }

    /**
     * The next poll, at {@code now}, when the network head last rose at {@code lastRiseMillis}
     * ({@link Long#MIN_VALUE} while it never has).
     */
    long nextPollAt(long now, long lastRiseMillis) {
        if (lastRiseMillis == Long.MIN_VALUE) {
            return now + intervalMillis;
        }
        long due = lastRiseMillis + blockTimeMillis;
        long grace = blockTimeMillis / 2;
        if (now > due + grace) {
            // missed slots: the next block is due a whole number of block times later
            long missed = (now - due - grace + blockTimeMillis - 1) / blockTimeMillis;
            due += missed * blockTimeMillis;
        }
        long windowOpens = due - blockTimeMillis / 6;
        if (now >= windowOpens) {
            return now + intervalMillis;
        }
        return Math.min(windowOpens, now + Math.max(intervalMillis, blockTimeMillis / 4));
    }
}
