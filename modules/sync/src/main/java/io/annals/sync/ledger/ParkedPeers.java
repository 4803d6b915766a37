package io.annals.sync.ledger;

import io.annals.sync.model.NoWorkReason;
import io.annals.sync.model.PeerId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The peers that got no batch and wait to be pushed one: why, since when, and when they could get
 * one if nothing else changes.
 */
final class ParkedPeers {

    private final Map<PeerId, SchedulingState.Parking> parked = new TreeMap<>();

    void park(PeerId peer, NoWorkReason reason, long retryAtMillis, long now) {
        SchedulingState.Parking previous = parked.get(peer);
        long since = previous == null ? now : previous.sinceMillis();
        parked.put(peer, new SchedulingState.Parking(reason, since, retryAtMillis));
    }

    void unpark(PeerId peer) {
        parked.remove(peer);
    }

    Optional<SchedulingState.Parking> get(PeerId peer) {
        return Optional.ofNullable(parked.get(peer));
    }

    boolean isEmpty() {
        return parked.isEmpty();
    }

    int size() {
        return parked.size();
    }

    List<PeerId> peers() {
        return List.copyOf(parked.keySet());
    }

    int count(NoWorkReason reason) {
        return (int) parked.values().stream().filter(parking -> parking.reason() == reason).count();
    }

    /**
     * The earliest moment a parked peer could get work: its cooldown or backoff ends, or for a peer
     * whose head is behind, its stale-head cooldown; {@link Long#MAX_VALUE} when none is set.
     */
    long earliestRetry(Function<PeerId, PeerHealth> health) {
        long next = Long.MAX_VALUE;
        for (Map.Entry<PeerId, SchedulingState.Parking> entry : parked.entrySet()) {
            SchedulingState.Parking parking = entry.getValue();
            long at =
                    parking.reason() == NoWorkReason.HEAD_BEHIND
                            ? health.apply(entry.getKey()).staleUntilMillis()
                            : parking.retryAtMillis();
            if (at != Long.MIN_VALUE) {
                next = Math.min(next, at);
            }
        }
        return next;
    }

    Map<PeerId, SchedulingState.Parking> snapshot() {
        return Map.copyOf(parked);
    }

    void restore(Map<PeerId, SchedulingState.Parking> snapshot) {
        parked.putAll(snapshot);
    }
}
