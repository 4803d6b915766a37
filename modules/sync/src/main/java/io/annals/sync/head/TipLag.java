package io.annals.sync.head;

import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * How long the store takes to hold a new network head after the engine learned of it: the time from
 * the moment the head rose to block {@code n} to the moment the contiguous head reached {@code n}.
 * Times in milliseconds on the engine's clock.
 */
final class TipLag {

    /** Heads learned and not yet stored, kept for at most this many rises. */
    private static final int MAX_PENDING = 1024;

    private final NavigableMap<Long, Long> learnedAt = new TreeMap<>();
    private long lastMillis = -1;
    private long maxMillis = -1;

    /** The network head rose to {@code head} at {@code now}. */
    void headRose(long head, long now) {
        learnedAt.putIfAbsent(head, now);
        while (learnedAt.size() > MAX_PENDING) {
            learnedAt.pollFirstEntry();
        }
    }

    /** The store's contiguous head is {@code head} at {@code now}. */
    void stored(long head, long now) {
        NavigableMap<Long, Long> reached = learnedAt.headMap(head, true);
        if (reached.isEmpty()) {
            return;
        }
        long lag = now - reached.lastEntry().getValue();
        lastMillis = lag;
        maxMillis = Math.max(maxMillis, lag);
        reached.clear();
    }

    /** The last lag measured, -1 before the first. */
    long lastMillis() {
        return lastMillis;
    }

    /** The largest lag measured, -1 before the first. */
    long maxMillis() {
        return maxMillis;
    }
}
