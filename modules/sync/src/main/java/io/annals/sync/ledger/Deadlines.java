package io.annals.sync.ledger;

import io.annals.sync.NoWorkReason;
import io.annals.sync.PeerId;
import java.util.Map;
import java.util.OptionalLong;

/**
 * When the scheduler's one timer must fire next: the earliest moment a parked peer could get work
 * (its cooldown or backoff ends, or its stale-head cooldown) or the stall check falls due. A part
 * of {@link SchedulingState} in its own file.
 */
final class Deadlines {

    private Deadlines() {}

    /** Empty when only a message can change anything (nothing waits: the engine is idle). */
    static OptionalLong next(SchedulingState state) {
        if (state.tracker.waitingCount() == 0) {
            return OptionalLong.empty();
        }
        long next =
                state.stallWatch.watching() ? state.stallWatch.nextCheckMillis() : Long.MAX_VALUE;
        for (Map.Entry<PeerId, SchedulingState.Parking> entry : state.parked.entrySet()) {
            SchedulingState.Parking parking = entry.getValue();
            long at =
                    parking.reason() == NoWorkReason.HEAD_BEHIND
                            ? state.peers.get(entry.getKey()).staleUntilMillis()
                            : parking.retryAtMillis();
            if (at != Long.MIN_VALUE) {
                next = Math.min(next, at);
            }
        }
        return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
    }
}
