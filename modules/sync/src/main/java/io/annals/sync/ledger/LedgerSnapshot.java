package io.annals.sync.ledger;

import io.annals.sync.model.PeerId;
import io.annals.sync.model.SyncStalled;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable copy of a scheduler's state, taken when the scheduler hands over to its successor (a
 * mode switch). Times are absolute on the shared clock.
 */
public record LedgerSnapshot(
        BlockTracker.TrackerSnapshot tracker,
        List<BackoffLedger.Entry> ledger,
        List<PeerHealth.Snapshot> peers,
        Map<PeerId, SchedulingState.Parking> parked,
        long lastProgressMillis,
        long persistedTotal,
        Optional<SyncStalled> lastStall) {

    public LedgerSnapshot {
        ledger = List.copyOf(ledger);
        peers = List.copyOf(peers);
        parked = Map.copyOf(parked);
    }
}
