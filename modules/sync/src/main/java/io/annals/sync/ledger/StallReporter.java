package io.annals.sync.ledger;

import io.annals.sync.model.NoWorkReason;
import io.annals.sync.model.PeerId;
import io.annals.sync.model.SyncStalled;
import io.annals.sync.model.SyncStalled.EscalatedBlock;
import io.annals.sync.model.SyncStalled.PeerState;
import io.annals.sync.model.SyncStalled.PeerStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Builds a {@link SyncStalled} report from the scheduling state. */
final class StallReporter {

    /** Escalated blocks listed one by one; the rest are counted, so the log line stays bounded. */
    static final int MAX_LISTED_BLOCKS = 32;

    private final SchedulerSettings settings;
    private final BlockTracker tracker;
    private final BackoffLedger ledger;
    private final Collection<PeerHealth> peers;
    private final ParkedPeers parked;
    private final SourceCoverage coverage;

    /** Reads, never changes, what it is given ({@code peers}: a live view of the known peers). */
    StallReporter(
            SchedulerSettings settings,
            BlockTracker tracker,
            BackoffLedger ledger,
            Collection<PeerHealth> peers,
            ParkedPeers parked,
            SourceCoverage coverage) {
        this.settings = settings;
        this.tracker = tracker;
        this.ledger = ledger;
        this.peers = peers;
        this.parked = parked;
        this.coverage = coverage;
    }

    SyncStalled report(long now, long quietMillis, List<SyncStalled.MailboxDepth> mailboxes) {
        List<Long> escalated = tracker.escalatedBlocks();
        List<EscalatedBlock> listed = new ArrayList<>();
        for (long block : escalated.subList(0, Math.min(escalated.size(), MAX_LISTED_BLOCKS))) {
            listed.add(new EscalatedBlock(block, tracker.attempts(block), earliestRetry(block)));
        }
        List<PeerStatus> statuses = new ArrayList<>();
        for (PeerHealth health : peers) {
            statuses.add(status(health, now));
        }
        return new SyncStalled(
                settings.mode(),
                now,
                Duration.ofMillis(quietMillis),
                tracker.pendingCount(),
                tracker.inFlightCount(),
                tracker.escalatedCount(),
                tracker.awaitingDurabilityCount(),
                listed,
                escalated.size() - listed.size(),
                statuses,
                mailboxes,
                coverage.unserved());
    }

    /** The earliest time any connected peer whose head covers the block may be given it. */
    private long earliestRetry(long block) {
        long earliest = SyncStalled.NEVER;
        for (PeerHealth health : peers) {
            if (health.head() >= block && health.floor() <= block) {
                long ready =
                        Math.max(ledger.readyAt(block, health.peer()), health.backoffUntilMillis());
                earliest = Math.min(earliest, ready);
            }
        }
        return earliest;
    }

    private PeerStatus status(PeerHealth health, long now) {
        PeerId peer = health.peer();
        List<Long> flying = tracker.inFlightAt(peer);
        if (!flying.isEmpty()) {
            return new PeerStatus(
                    peer,
                    health.head(),
                    PeerState.FETCHING,
                    flying.size(),
                    SyncStalled.NEVER,
                    "fetching " + flying.size() + " blocks from " + flying.get(0));
        }
        SchedulingState.Parking parking = parked.get(peer).orElse(null);
        if (parking == null) {
            return new PeerStatus(
                    peer,
                    health.head(),
                    PeerState.IDLE,
                    0,
                    SyncStalled.NEVER,
                    "idle (has not asked again)");
        }
        if (parking.reason() == NoWorkReason.HEAD_BEHIND) {
            return new PeerStatus(
                    peer,
                    health.head(),
                    PeerState.HEAD_BEHIND,
                    0,
                    health.staleUntilMillis(),
                    "parked: no waiting block within its range, head re-check at "
                            + relative(health.staleUntilMillis(), now));
        }
        if (parking.reason() == NoWorkReason.WRITER_BEHIND) {
            return new PeerStatus(
                    peer,
                    health.head(),
                    PeerState.PARKED,
                    0,
                    SyncStalled.NEVER,
                    "parked: writer behind ("
                            + settings.maxBlocksUnpersisted()
                            + " blocks unpersisted)");
        }
        if (parking.reason() == NoWorkReason.NOTHING_WAITING) {
            return new PeerStatus(
                    peer,
                    health.head(),
                    PeerState.PARKED,
                    0,
                    SyncStalled.NEVER,
                    "parked: nothing waiting");
        }
        long cooling = 0;
        long coolingUntil = SyncStalled.NEVER;
        boolean anyFailure = false;
        for (long block : ledger.blocksOf(peer)) {
            if (block <= health.head()
                    && tracker.isWaiting(block)
                    && ledger.isCoolingDown(block, peer, now)) {
                BackoffLedger.Cooldown cooldown = ledger.get(block, peer).orElseThrow();
                cooling++;
                coolingUntil = Math.min(coolingUntil, cooldown.untilMillis());
                anyFailure |= cooldown.cause() == BackoffLedger.Cause.FAILURE;
            }
        }
        long until =
                Math.max(
                        coolingUntil == SyncStalled.NEVER ? Long.MIN_VALUE : coolingUntil,
                        health.backoffUntilMillis());
        StringBuilder why = new StringBuilder("cooling down: ");
        if (cooling > 0) {
            why.append(anyFailure ? "backoff on " : "not yet available: ")
                    .append(cooling)
                    .append(" blocks until ")
                    .append(relative(coolingUntil, now));
        }
        if (health.inBackoff(now)) {
            why.append(cooling > 0 ? "; " : "")
                    .append("peer backoff after ")
                    .append(health.consecutiveFailures())
                    .append(" failed batches until ")
                    .append(relative(health.backoffUntilMillis(), now));
        }
        return new PeerStatus(
                peer, health.head(), PeerState.COOLING_DOWN, cooling, until, why.toString());
    }

    private static String relative(long at, long now) {
        long delta = at - now;
        return delta <= 0
                ? "now"
                : "+"
                        + (delta % 1000 == 0
                                ? delta / 1000 + "s"
                                : String.format(java.util.Locale.ROOT, "%.1fs", delta / 1000.0));
    }
}
