package io.annals.sync.ledger;

import io.annals.sync.model.PeerId;

/**
 * What the scheduler knows about one peer: its range (announced head, lowest block served), its
 * batch size, a quality score, its measured throughput, its failure backoff and its stale-head
 * cooldown. Mutable, owned by one scheduler.
 *
 * <p><b>Batch size from measured throughput.</b> Once the peer actor has reported a batch's
 * throughput, a batch holds what the peer delivers in the mode's {@code target-batch-time} at its
 * measured rate (blocks per second, a moving average; a failed batch counts as a zero sample, so
 * failures lower the rate by {@value #RATE_WEIGHT} of itself rather than halving the size). A fast
 * peer gets full batches, a slow one small batches that finish in about the target time, so it
 * holds back the contiguous head less. Random failures do not collapse the size, as halving per
 * failure with additive growth would (at 20 % failed batches AIMD settles near two blocks).
 *
 * <p><b>AIMD before the first measurement</b> (and for peers that never report one): one more block
 * after {@value #SUCCESSES_PER_INCREASE} full answers in a row, {@value #PARTIAL_FACTOR} of itself
 * after a partial answer, half after a failed batch.
 *
 * <p><b>A response limit caps both.</b> An answer the peer cut short without failing anything
 * (eth's 2 MiB soft limit) caps the size at what it delivered; each full answer after that raises
 * the cap by one, so the cap follows the limit. "Not yet available" is not a signal about the peer
 * and leaves size, rate and backoff alone.
 */
public final class PeerHealth {

    static final int SUCCESSES_PER_INCREASE = 5;
    static final double PARTIAL_FACTOR = 0.7;
    static final double FAILURE_FACTOR = 0.5;

    /** Weight of the newest batch in the quality score (an exponential moving average). */
    static final double QUALITY_WEIGHT = 0.25;

    static final double INITIAL_QUALITY = 0.75;

    /** Weight of the newest batch in the throughput figures (an exponential moving average). */
    static final double RATE_WEIGHT = 0.3;

    /** A copy of the health for snapshots and reports. */
    public record Snapshot(
            PeerId peer,
            long head,
            double batchSize,
            int successStreak,
            int consecutiveFailures,
            long backoffUntilMillis,
            double quality,
            long staleUntilMillis,
            long lastAssignedMillis,
            long floor,
            double blocksPerSecond,
            double bytesPerSecond,
            int measurements,
            double limit) {}

    private final PeerId peer;
    private final int maxBatch;
    private final long backoffInitialMillis;
    private final long backoffCapMillis;
    private long head;
    private double batchSize;
    private int successStreak;
    private int consecutiveFailures;
    private long backoffUntilMillis = Long.MIN_VALUE;
    private double quality = INITIAL_QUALITY;
    private long staleUntilMillis = Long.MIN_VALUE;
    private long lastAssignedMillis = Long.MIN_VALUE;
    private long lastPolledMillis = Long.MIN_VALUE;
    private long floor;
    private double blocksPerSecond;
    private double bytesPerSecond;
    private int measurements;
    private double limit;
    private long targetBatchMillis = 5_000;

    PeerHealth(
            PeerId peer,
            long head,
            int initialBatch,
            int maxBatch,
            long backoffInitialMillis,
            long backoffCapMillis) {
        this.peer = peer;
        this.head = head;
        this.maxBatch = maxBatch;
        this.batchSize = Math.min(initialBatch, maxBatch);
        this.limit = maxBatch;
        this.backoffInitialMillis = backoffInitialMillis;
        this.backoffCapMillis = backoffCapMillis;
    }

    /** Rebuilds a peer from a snapshot taken under other settings, applying this mode's bounds. */
    static PeerHealth restore(
            Snapshot s,
            int maxBatch,
            long backoffInitialMillis,
            long backoffCapMillis,
            long staleCooldownMillis,
            long now) {
        PeerHealth health =
                new PeerHealth(
                        s.peer(), s.head(), 1, maxBatch, backoffInitialMillis, backoffCapMillis);
        health.batchSize = clamp(s.batchSize(), maxBatch);
        health.successStreak = s.successStreak();
        health.consecutiveFailures = s.consecutiveFailures();
        health.backoffUntilMillis = Math.min(s.backoffUntilMillis(), now + backoffCapMillis);
        health.quality = s.quality();
        health.staleUntilMillis = Math.min(s.staleUntilMillis(), now + staleCooldownMillis);
        health.lastAssignedMillis = s.lastAssignedMillis();
        health.floor = s.floor();
        health.blocksPerSecond = s.blocksPerSecond();
        health.bytesPerSecond = s.bytesPerSecond();
        health.measurements = s.measurements();
        health.limit = clamp(s.limit(), maxBatch);
        return health;
    }

    public PeerId peer() {
        return peer;
    }

    public long head() {
        return head;
    }

    /** Records a head announcement; a head that moved up ends the stale-head cooldown. */
    void updateHead(long newHead) {
        if (newHead > head) {
            staleUntilMillis = Long.MIN_VALUE;
        }
        head = newHead;
    }

    /**
     * The lowest block the peer serves (its announced earliest block, 0 when it serves all
     * history).
     */
    public long floor() {
        return floor;
    }

    void updateFloor(long newFloor) {
        floor = Math.max(0, newFloor);
    }

    /**
     * Blocks per second the peer delivered, averaged over its recent batches; 0 before the first.
     */
    public double blocksPerSecond() {
        return blocksPerSecond;
    }

    /** Response bytes per second, averaged like {@link #blocksPerSecond()}. */
    public double bytesPerSecond() {
        return bytesPerSecond;
    }

    /** The time a batch should take at the peer's measured rate (the mode's target-batch-time). */
    void targetBatchMillis(long millis) {
        targetBatchMillis = millis;
    }

    /** How many blocks the next batch may hold. */
    public int batchSize() {
        double size =
                measurements > 0
                        ? clamp(blocksPerSecond * targetBatchMillis / 1000.0, maxBatch)
                        : batchSize;
        return (int) Math.floor(Math.min(size, limit));
    }

    /** Throughput measurements received so far. */
    public int measurements() {
        return measurements;
    }

    public double quality() {
        return quality;
    }

    public int consecutiveFailures() {
        return consecutiveFailures;
    }

    public long backoffUntilMillis() {
        return backoffUntilMillis;
    }

    public boolean inBackoff(long now) {
        return backoffUntilMillis > now;
    }

    public long staleUntilMillis() {
        return staleUntilMillis;
    }

    void markStale(long until) {
        staleUntilMillis = until;
    }

    void clearStale() {
        staleUntilMillis = Long.MIN_VALUE;
    }

    public long lastAssignedMillis() {
        return lastAssignedMillis;
    }

    /** When the peer was last asked to prove its head for head discovery. */
    public long lastPolledMillis() {
        return lastPolledMillis;
    }

    void polled(long now) {
        lastPolledMillis = now;
    }

    void assigned(long now) {
        lastAssignedMillis = now;
    }

    /**
     * Every block of the batch arrived (blocks not yet available at the tip do not count against).
     */
    void recordSuccess() {
        consecutiveFailures = 0;
        successStreak++;
        limit = clamp(limit + 1, maxBatch);
        if (successStreak >= SUCCESSES_PER_INCREASE) {
            successStreak = 0;
            batchSize = clamp(batchSize + 1, maxBatch);
        }
        quality = blend(1.0);
    }

    /** Some blocks arrived and some failed. */
    void recordPartial(double deliveredFraction) {
        consecutiveFailures = 0;
        successStreak = 0;
        batchSize = clamp(batchSize * PARTIAL_FACTOR, maxBatch);
        quality = blend(deliveredFraction);
    }

    /** Nothing arrived and something failed: shrink, and back off for a doubling delay. */
    void recordFailure(long now) {
        successStreak = 0;
        consecutiveFailures++;
        batchSize = clamp(batchSize * FAILURE_FACTOR, maxBatch);
        backoffUntilMillis =
                now
                        + Backoff.delayMillis(
                                consecutiveFailures, backoffInitialMillis, backoffCapMillis);
        quality = blend(0.0);
    }

    /**
     * The peer answered without failing anything but cut the batch short (a response limit): the
     * next batches hold at most what it delivered. Not the peer's fault, so quality counts it full.
     */
    void recordTruncated(int delivered) {
        consecutiveFailures = 0;
        successStreak = 0;
        limit = clamp(delivered, maxBatch);
        quality = blend(1.0);
    }

    /**
     * One batch's measured throughput: {@code blocks} delivered and {@code bytes} received in
     * {@code millis} (a failed batch reports zero blocks). The first measurement of a peer that
     * delivered nothing is ignored: a new peer's first failure says nothing about its speed.
     */
    void recordThroughput(int blocks, long bytes, long millis) {
        if (blocks <= 0 && measurements == 0) {
            return;
        }
        double seconds = Math.max(1, millis) / 1000.0;
        double blockRate = blocks / seconds;
        double byteRate = bytes / seconds;
        if (measurements == 0) {
            blocksPerSecond = blockRate;
            bytesPerSecond = byteRate;
        } else {
            blocksPerSecond += RATE_WEIGHT * (blockRate - blocksPerSecond);
            bytesPerSecond += RATE_WEIGHT * (byteRate - bytesPerSecond);
        }
        measurements++;
    }

    Snapshot snapshot() {
        return new Snapshot(
                peer,
                head,
                batchSize,
                successStreak,
                consecutiveFailures,
                backoffUntilMillis,
                quality,
                staleUntilMillis,
                lastAssignedMillis,
                floor,
                blocksPerSecond,
                bytesPerSecond,
                measurements,
                limit);
    }

    private double blend(double sample) {
        return quality + QUALITY_WEIGHT * (sample - quality);
    }

    private static double clamp(double size, int maxBatch) {
        return Math.max(1.0, Math.min(size, maxBatch));
    }
}
