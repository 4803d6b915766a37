package io.annals.sync.ledger;

import io.annals.store.BlockRange;
import io.annals.sync.model.NoWorkReason;
import io.annals.sync.model.PeerId;
import io.annals.sync.model.SyncStalled;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/**
 * All scheduling state of one scheduler, with time passed in: the block tracker, the backoff
 * ledger, peer health, parked peers and the stall watch. The Scheduler actor routes each message to
 * one method here, then calls {@link #dispatch(long)} and sends what it returns. Nothing here knows
 * about actors. Each piece of state has one owner: the tracker its blocks, the ledger its
 * cooldowns, each {@link PeerHealth} its peer, {@link ParkedPeers} the parked ones; the helpers
 * ({@link Outcomes}, {@link StallReporter}) are handed the owners they work on.
 */
public final class SchedulingState {

    /** Something the actor must send to a parked peer. */
    public sealed interface Push permits Assign, Wake {
        PeerId peer();
    }

    /** Give {@code batch} to {@code peer}. */
    public record Assign(PeerId peer, BlockRange batch) implements Push, Decision {}

    /** Tell a peer parked on a stale head to re-check its head and ask again. */
    public record Wake(PeerId peer) implements Push {}

    /** The answer to a work request: a batch, or parked for a reason. */
    public sealed interface Decision permits Assign, Parked {}

    public record Parked(NoWorkReason reason) implements Decision {}

    /** Why and since when a peer is parked, and when it could next get work if nothing changes. */
    public record Parking(NoWorkReason reason, long sinceMillis, long retryAtMillis) {}

    /** A peer's outcome for its batch; blocks it does not mention go back without penalty. */
    public record Report(List<Long> delivered, List<Long> failed, List<Long> missing) {
        public Report {
            delivered = List.copyOf(delivered);
            failed = List.copyOf(failed);
            missing = List.copyOf(missing);
        }
    }

    private final SchedulerSettings settings;
    private final BlockTracker tracker;
    private final BackoffLedger ledger;
    private final Map<PeerId, PeerHealth> peers = new TreeMap<>();
    private final ParkedPeers parked = new ParkedPeers();
    private final BatchPlanner planner;
    private final Outcomes outcomes;
    private final StallReporter stallReporter;
    private final StallWatch stallWatch;
    private final RateMeter rate;
    private long persistedTotal;
    private Optional<SyncStalled> lastStall = Optional.empty();

    public SchedulingState(SchedulerSettings settings, long rateWindowMillis) {
        this.settings = settings;
        this.tracker = new BlockTracker(settings.maxAttemptsPerBlock(), settings.shardSize());
        this.ledger =
                new BackoffLedger(
                        settings.blockBackoffInitial().toMillis(),
                        settings.maxBlockBackoff().toMillis(),
                        settings.notYetAvailableRetry().toMillis());
        this.planner = new BatchPlanner(tracker, ledger);
        this.outcomes = new Outcomes(tracker, ledger, settings.notYetAvailableDepth());
        this.stallReporter = new StallReporter(settings, tracker, ledger, peers.values(), parked);
        this.stallWatch = new StallWatch(settings.stallThreshold().toMillis());
        this.rate = new RateMeter(rateWindowMillis);
    }

    public SchedulerSettings settings() {
        return settings;
    }

    /** The block tracker, to be read (not changed) from this package. */
    BlockTracker tracker() {
        return tracker;
    }

    /** The backoff ledger, to be read (not changed) from this package. */
    BackoffLedger ledger() {
        return ledger;
    }

    /** A known peer's health, to be read (not changed) from this package. */
    PeerHealth peer(PeerId peer) {
        return peers.get(peer);
    }

    /** A peer whose range is {@code floor..head} asks for a batch. */
    public Decision requestWork(PeerId peer, long head, long floor, long now) {
        PeerHealth health = peers.computeIfAbsent(peer, p -> newPeer(p, head));
        health.updateHead(head);
        health.updateFloor(floor);
        parked.unpark(peer);
        // one batch per peer: asking again means the previous batch is abandoned, not failed
        for (long block : tracker.inFlightAt(peer)) {
            tracker.release(block, peer);
        }
        BatchPlanner.Plan plan = plan(health, now);
        if (plan instanceof BatchPlanner.Batch batch) {
            return assign(health, batch.range(), now);
        }
        BatchPlanner.Nothing nothing = (BatchPlanner.Nothing) plan;
        park(health, nothing, now);
        return new Parked(nothing.reason());
    }

    public void report(PeerId peer, Report report, long now) {
        if (outcomes.report(peer, peers.get(peer), report, now)) {
            stallWatch.progressed(now);
        }
    }

    /**
     * The writer refused these delivered blocks (they contradict the stored chain): each waits
     * again with one more attempt, as a failure of the peer that delivered it.
     */
    public void rejected(PeerId peer, List<Long> blocks, long now) {
        outcomes.rejected(peer, peers.get(peer), blocks, now);
    }

    /** One batch's measured throughput at the peer (see {@link PeerHealth#recordThroughput}). */
    public void measured(PeerId peer, int blocks, long bytes, long millis) {
        PeerHealth health = peers.get(peer);
        if (health != null) {
            health.recordThroughput(blocks, bytes, millis);
        }
    }

    public void peerHeadChanged(PeerId peer, long head) {
        peers.computeIfAbsent(peer, p -> newPeer(p, head)).updateHead(head);
    }

    public void peerLeft(PeerId peer) {
        for (long block : tracker.inFlightAt(peer)) {
            tracker.release(block, peer);
        }
        ledger.forgetPeer(peer);
        peers.remove(peer);
        parked.unpark(peer);
    }

    public void persisted(List<Long> blocks, long now) {
        long done = 0;
        for (long block : blocks) {
            if (tracker.persisted(block)) {
                done++;
            }
            ledger.forgetBlock(block);
        }
        persistedTotal += done;
        rate.record(now, done);
    }

    public void persistFailed(List<Long> blocks) {
        blocks.forEach(tracker::persistFailed);
    }

    public long addRange(BlockRange range) {
        return tracker.addRange(range.first(), range.last());
    }

    public long withdrawRange(BlockRange range) {
        ledger.forgetRange(range.first(), range.last());
        return tracker.withdrawRange(range.first(), range.last());
    }

    /**
     * Offers work to parked peers (best quality first) and wakes stale-head peers whose cooldown
     * ended. Called after every event and on the timer.
     */
    public List<Push> dispatch(long now) {
        stallWatch.observe(tracker.waitingCount(), now);
        if (tracker.waitingCount() == 0 || parked.isEmpty()) {
            return List.of();
        }
        List<Push> pushes = new ArrayList<>();
        List<PeerHealth> candidates = new ArrayList<>();
        parked.peers().forEach(peer -> candidates.add(peers.get(peer)));
        candidates.sort(
                Comparator.comparingDouble(PeerHealth::quality)
                        .thenComparingDouble(PeerHealth::blocksPerSecond)
                        .reversed()
                        .thenComparing(PeerHealth::peer));
        for (PeerHealth health : candidates) {
            BatchPlanner.Plan plan = plan(health, now);
            if (plan instanceof BatchPlanner.Batch batch) {
                parked.unpark(health.peer());
                pushes.add(assign(health, batch.range(), now));
            } else {
                BatchPlanner.Nothing nothing = (BatchPlanner.Nothing) plan;
                if (nothing.reason() == NoWorkReason.HEAD_BEHIND
                        && health.staleUntilMillis() != Long.MIN_VALUE
                        && health.staleUntilMillis() <= now) {
                    parked.unpark(health.peer());
                    health.clearStale();
                    pushes.add(new Wake(health.peer()));
                } else {
                    park(health, nothing, now);
                }
            }
        }
        stallWatch.observe(tracker.waitingCount(), now);
        return pushes;
    }

    /**
     * The parked peer to poll for a new head: among the {@code among} parked peers with the highest
     * heads, the one polled least recently (then the best). It is unparked: it will ask again once
     * it has proved its head.
     */
    public Optional<PeerId> pollCandidate(int among, long now) {
        Optional<PeerHealth> chosen =
                parked.peers().stream()
                        .map(peers::get)
                        .sorted(
                                Comparator.comparingLong(PeerHealth::head)
                                        .thenComparingDouble(PeerHealth::quality)
                                        .reversed()
                                        .thenComparing(PeerHealth::peer))
                        .limit(Math.max(1, among))
                        .min(Comparator.comparingLong(PeerHealth::lastPolledMillis));
        chosen.ifPresent(
                health -> {
                    health.polled(now);
                    parked.unpark(health.peer());
                });
        return chosen.map(PeerHealth::peer);
    }

    /** When the timer must fire next; empty when only a message can change anything (idle). */
    public OptionalLong nextDeadline() {
        if (tracker.waitingCount() == 0) {
            return OptionalLong.empty();
        }
        long stall = stallWatch.watching() ? stallWatch.nextCheckMillis() : Long.MAX_VALUE;
        long next = Math.min(stall, parked.earliestRetry(peers::get));
        return next == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(next);
    }

    /**
     * The writer rolled the store back. When {@code cutOutstanding} (the rollback is of a later
     * epoch), every assignment predates it and the writer drops what it delivers, so each block in
     * flight or awaiting durability waits again, with no penalty, and the peers whose batches were
     * cut are returned (their reports on those batches mean nothing now). The blocks the rollback
     * dropped are fetched again: withdrawn (waiting blocks, attempts and backoff entries are
     * forgotten) and added afresh.
     */
    public Set<PeerId> rebranch(boolean cutOutstanding, Optional<BlockRange> refetch) {
        Set<PeerId> cut = cutOutstanding ? tracker.requeueOutstanding() : Set.of();
        refetch.ifPresent(
                range -> {
                    withdrawRange(range);
                    addRange(range);
                });
        return cut;
    }

    /** A stall report when one is due (and records it), else empty. */
    public Optional<SyncStalled> stallReportIfDue(
            long now, List<SyncStalled.MailboxDepth> mailboxes) {
        if (!stallWatch.reportDue(now)) {
            return Optional.empty();
        }
        stallWatch.reported(now);
        SyncStalled report = stallReporter.report(now, stallWatch.quietForMillis(now), mailboxes);
        lastStall = Optional.of(report);
        return lastStall;
    }

    public StatsView stats(long now) {
        int active = tracker.peersWithWork().size();
        int waitingForWriter = parked.count(NoWorkReason.WRITER_BEHIND);
        List<PeerHealth.Snapshot> health = new ArrayList<>();
        peers.values().forEach(p -> health.add(p.snapshot()));
        return new StatsView(
                tracker.pendingCount(),
                tracker.inFlightCount(),
                tracker.escalatedCount(),
                tracker.awaitingDurabilityCount(),
                active,
                parked.size(),
                rate.perSecond(now),
                stallWatch.stalledForMillis(now),
                lastStall,
                persistedTotal,
                lowestWaiting(),
                waitingForWriter,
                health);
    }

    /**
     * The numbers behind {@link io.annals.sync.scheduler.SchedulerStats}, before the actor adds its
     * own.
     */
    public record StatsView(
            long queue,
            int inflight,
            long escalation,
            long awaitingDurability,
            int peersActive,
            int peersParked,
            double blocksPerSec,
            long stalledForMillis,
            Optional<SyncStalled> lastStall,
            long persisted,
            long lowestWaiting,
            int peersWaitingForWriter,
            List<PeerHealth.Snapshot> peers) {}

    private long lowestWaiting() {
        long lowest = tracker.pending().first().orElse(Long.MAX_VALUE);
        lowest = Math.min(lowest, tracker.escalation().ceiling(0).orElse(Long.MAX_VALUE));
        return lowest == Long.MAX_VALUE ? -1 : lowest;
    }

    public Map<PeerId, Parking> parkedPeers() {
        return parked.snapshot();
    }

    public LedgerSnapshot snapshot() {
        List<PeerHealth.Snapshot> health = new ArrayList<>();
        peers.values().forEach(p -> health.add(p.snapshot()));
        return new LedgerSnapshot(
                tracker.snapshot(),
                ledger.entries(),
                health,
                parked.snapshot(),
                stallWatch.lastProgressMillis(),
                persistedTotal,
                lastStall);
    }

    /**
     * Loads a snapshot taken under other settings, bringing every delay within this mode's caps.
     */
    public void restore(LedgerSnapshot snapshot, long now) {
        tracker.restore(snapshot.tracker());
        ledger.restore(snapshot.ledger(), now);
        for (PeerHealth.Snapshot peer : snapshot.peers()) {
            PeerHealth health =
                    PeerHealth.restore(
                            peer,
                            settings.blocksPerAssignment(),
                            settings.peerBackoffInitial().toMillis(),
                            settings.peerBackoffMax().toMillis(),
                            settings.staleHeadCooldown().toMillis(),
                            now);
            health.targetBatchMillis(settings.targetBatchTime().toMillis());
            peers.put(peer.peer(), health);
        }
        parked.restore(snapshot.parked());
        stallWatch.restore(snapshot.lastProgressMillis());
        persistedTotal = snapshot.persistedTotal();
        lastStall = snapshot.lastStall();
    }

    /**
     * The planner's answer within the durability window: blocks in flight plus blocks awaiting
     * durability stay within {@code max-blocks-unpersisted}, so peers cannot fill memory faster
     * than the writer empties it. A peer that could take work but finds the window full is parked
     * as {@link NoWorkReason#WRITER_BEHIND} and woken by the next {@code Persisted}.
     */
    private BatchPlanner.Plan plan(PeerHealth health, long now) {
        long room =
                settings.maxBlocksUnpersisted()
                        - tracker.inFlightCount()
                        - tracker.awaitingDurabilityCount();
        if (room > 0) {
            return planner.plan(health, now, (int) Math.min(Integer.MAX_VALUE, room));
        }
        BatchPlanner.Plan plan = planner.plan(health, now, 1);
        return plan instanceof BatchPlanner.Batch
                ? new BatchPlanner.Nothing(NoWorkReason.WRITER_BEHIND, Long.MAX_VALUE)
                : plan;
    }

    private Assign assign(PeerHealth health, BlockRange batch, long now) {
        tracker.assign(batch, health.peer(), now);
        health.assigned(now);
        health.clearStale();
        return new Assign(health.peer(), batch);
    }

    private void park(PeerHealth health, BatchPlanner.Nothing nothing, long now) {
        if (nothing.reason() == NoWorkReason.HEAD_BEHIND) {
            if (health.staleUntilMillis() == Long.MIN_VALUE) {
                health.markStale(now + settings.staleHeadCooldown().toMillis());
            }
        } else {
            health.clearStale();
        }
        parked.park(health.peer(), nothing.reason(), nothing.retryAtMillis(), now);
    }

    private PeerHealth newPeer(PeerId peer, long head) {
        PeerHealth health =
                new PeerHealth(
                        peer,
                        head,
                        settings.initialBatchSize(),
                        settings.blocksPerAssignment(),
                        settings.peerBackoffInitial().toMillis(),
                        settings.peerBackoffMax().toMillis());
        health.targetBatchMillis(settings.targetBatchTime().toMillis());
        return health;
    }
}
