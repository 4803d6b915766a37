package io.annals.sync.ledger;

import java.util.ArrayDeque;

/** Blocks per second over a sliding window, from timestamped counts. */
public final class RateMeter {

    private record Sample(long atMillis, long count) {}

    private final long windowMillis;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private long countInWindow;

    public RateMeter(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    public void record(long now, long count) {
        if (count <= 0) {
            return;
        }
        Sample last = samples.peekLast();
        if (last != null && last.atMillis() == now) {
            samples.pollLast();
            samples.addLast(new Sample(now, last.count() + count));
        } else {
            samples.addLast(new Sample(now, count));
        }
        countInWindow += count;
        evict(now);
    }

    public double perSecond(long now) {
        evict(now);
        return countInWindow * 1000.0 / windowMillis;
    }

    private void evict(long now) {
        while (!samples.isEmpty() && samples.peekFirst().atMillis() <= now - windowMillis) {
            countInWindow -= samples.pollFirst().count();
        }
    }
}
