package io.annals.sync.ledger;

import io.annals.sync.PeerId;

/**
 * What the scheduler knows about one peer: its announced head, its batch size (AIMD), a quality
 * score, its failure backoff and its stale-head cooldown. Mutable, owned by one scheduler.
 *
 * <p>Batch sizing is AIMD, as in TCP: a peer that keeps answering in full earns one more block per
 * batch after {@value #SUCCESSES_PER_INCREASE} full answers in a row; a partial answer cuts the
 * size to {@value #PARTIAL_FACTOR} of itself, a failed batch halves it. "Not yet available" is not
 * a signal about the peer and leaves both the size and the backoff alone.
 */
public final class PeerHealth {

  static final int SUCCESSES_PER_INCREASE = 5;
  static final double PARTIAL_FACTOR = 0.7;
  static final double FAILURE_FACTOR = 0.5;
  /** Weight of the newest batch in the quality score (an exponential moving average). */
  static final double QUALITY_WEIGHT = 0.25;
  static final double INITIAL_QUALITY = 0.75;

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
      long lastAssignedMillis) {}

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

  PeerHealth(PeerId peer, long head, int initialBatch, int maxBatch, long backoffInitialMillis, long backoffCapMillis) {
    this.peer = peer;
    this.head = head;
    this.maxBatch = maxBatch;
    this.batchSize = Math.min(initialBatch, maxBatch);
    this.backoffInitialMillis = backoffInitialMillis;
    this.backoffCapMillis = backoffCapMillis;
  }

  /** Rebuilds a peer from a snapshot taken under other settings, applying this mode's bounds. */
  static PeerHealth restore(Snapshot s, int maxBatch, long backoffInitialMillis, long backoffCapMillis,
      long staleCooldownMillis, long now) {
    PeerHealth health = new PeerHealth(s.peer(), s.head(), 1, maxBatch, backoffInitialMillis, backoffCapMillis);
    health.batchSize = clamp(s.batchSize(), maxBatch);
    health.successStreak = s.successStreak();
    health.consecutiveFailures = s.consecutiveFailures();
    health.backoffUntilMillis = Math.min(s.backoffUntilMillis(), now + backoffCapMillis);
    health.quality = s.quality();
    health.staleUntilMillis = Math.min(s.staleUntilMillis(), now + staleCooldownMillis);
    health.lastAssignedMillis = s.lastAssignedMillis();
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

  /** How many blocks the next batch may hold. */
  public int batchSize() {
    return (int) Math.floor(batchSize);
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

  void assigned(long now) {
    lastAssignedMillis = now;
  }

  /** Every block of the batch arrived (blocks not yet available at the tip do not count against). */
  void recordSuccess() {
    consecutiveFailures = 0;
    successStreak++;
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
    backoffUntilMillis = now + Backoff.delayMillis(consecutiveFailures, backoffInitialMillis, backoffCapMillis);
    quality = blend(0.0);
  }

  Snapshot snapshot() {
    return new Snapshot(peer, head, batchSize, successStreak, consecutiveFailures, backoffUntilMillis, quality,
        staleUntilMillis, lastAssignedMillis);
  }

  private double blend(double sample) {
    return quality + QUALITY_WEIGHT * (sample - quality);
  }

  private static double clamp(double size, int maxBatch) {
    return Math.max(1.0, Math.min(size, maxBatch));
  }
}
