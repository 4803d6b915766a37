package io.annals.p2p.peers;

import java.util.Optional;

/**
 * The ledger behind "failed probes" and "too slow" for one peer: consecutive requests that failed
 * or came back empty, and consecutive answers slower than the limit. Either run reaching {@code
 * maxInARow} makes the peer useless; a good answer resets both. Plain; time is passed in.
 */
public final class PeerUsefulness {
    private final int maxInARow;
    private final long slowMillis;
    private int failedInARow;
    private int slowInARow;

    public PeerUsefulness(int maxInARow, long slowMillis) {
        this.maxInARow = maxInARow;
        this.slowMillis = slowMillis;
    }

    public static PeerUsefulness of(PeerSettings settings) {
        return new PeerUsefulness(settings.maxFailedRequests(), settings.slowRequest().toMillis());
    }

    /** A request answered with {@code items} items after {@code millis}. */
    public synchronized Optional<EvictionReason> answered(int items, long millis) {
        if (items == 0) {
            return failed();
        }
        failedInARow = 0;
        slowInARow = millis > slowMillis ? slowInARow + 1 : 0;
        return slowInARow >= maxInARow ? Optional.of(EvictionReason.TOO_SLOW) : Optional.empty();
    }

    /** A request failed (not because the session ended) or came back empty. */
    public synchronized Optional<EvictionReason> failed() {
        failedInARow++;
        return failedInARow >= maxInARow
                ? Optional.of(EvictionReason.FAILED_PROBES)
                : Optional.empty();
    }
}
