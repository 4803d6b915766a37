package io.annals.sync.ledger;

/**
 * Decides when waiting work has made no progress for too long. Progress is a block delivered by a
 * peer. A stall starts at the later of "blocks started waiting" and "last delivery"; it is reported
 * once it is {@code threshold} old, and again every threshold while it lasts. This covers "nothing
 * can be assigned" (then nothing is delivered either) and also the subtler failure of the
 * escalation deadlock, where batches are still handed out now and then but every one fails. With
 * nothing waiting there is nothing to watch, so an idle engine has no stall timer.
 */
public final class StallWatch {

    private static final long NONE = Long.MIN_VALUE;

    private final long thresholdMillis;
    private long waitingSince = NONE;
    private long lastProgress = NONE;
    private long lastReported = NONE;

    public StallWatch(long thresholdMillis) {
        this.thresholdMillis = thresholdMillis;
    }

    /** Called after every event with the number of waiting blocks. */
    public void observe(long waiting, long now) {
        if (waiting == 0) {
            waitingSince = NONE;
        } else if (waitingSince == NONE) {
            waitingSince = now;
        }
    }

    public void progressed(long now) {
        lastProgress = now;
    }

    /** How long waiting work has gone without progress (zero when nothing waits). */
    public long quietForMillis(long now) {
        return waitingSince == NONE ? 0 : Math.max(0, now - quietSince());
    }

    /** The quiet time if it is at least the threshold, else zero. */
    public long stalledForMillis(long now) {
        long quiet = quietForMillis(now);
        return quiet >= thresholdMillis ? quiet : 0;
    }

    public boolean reportDue(long now) {
        return waitingSince != NONE && now >= nextCheckMillis();
    }

    public void reported(long now) {
        lastReported = now;
    }

    /** When the next report falls due without progress; meaningful only while work waits. */
    public long nextCheckMillis() {
        long quiet = quietSince();
        if (lastReported != NONE && lastReported >= quiet) {
            return lastReported + thresholdMillis;
        }
        return quiet + thresholdMillis;
    }

    public boolean watching() {
        return waitingSince != NONE;
    }

    long lastProgressMillis() {
        return lastProgress;
    }

    void restore(long lastProgressMillis) {
        lastProgress = lastProgressMillis;
    }

    private long quietSince() {
        return Math.max(waitingSince, lastProgress);
    }
}
