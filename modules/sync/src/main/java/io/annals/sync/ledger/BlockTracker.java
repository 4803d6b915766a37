package io.annals.sync.ledger;

import io.annals.store.BlockRange;
import io.annals.sync.model.PeerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where every outstanding block is. A tracked block is in exactly one state:
 *
 * <ul>
 *   <li>pending (normal queue), or escalated (failed {@code max-attempts} times), both "waiting";
 *   <li>in flight at one peer, since a time;
 *   <li>delivered and awaiting durability: handed to the writer, neither waiting nor lost. It is
 *       done only when the writer says it is persisted; then it leaves the tracker.
 * </ul>
 *
 * Attempts (failures over all peers) are counted per block and decide escalation.
 */
public final class BlockTracker {

    /** One in-flight block: who has it and since when. */
    public record InFlight(PeerId peer, long assignedAtMillis) {}

    private final int maxAttempts;
    private final RunSet pending = new RunSet();
    private final EscalationQueue escalation;
    private final NavigableMap<Long, InFlight> inFlight = new TreeMap<>();
    private final Map<PeerId, NavigableSet<Long>> inFlightByPeer = new HashMap<>();
    private final RunSet awaitingDurability = new RunSet();
    private final NavigableMap<Long, Integer> attempts = new TreeMap<>();

    public BlockTracker(int maxAttempts, long shardSize) {
        this.maxAttempts = maxAttempts;
        this.escalation = new EscalationQueue(shardSize);
    }

    public RunSet pending() {
        return pending;
    }

    public EscalationQueue escalation() {
        return escalation;
    }

    public long pendingCount() {
        return pending.size();
    }

    public long escalatedCount() {
        return escalation.size();
    }

    public long waitingCount() {
        return pending.size() + escalation.size();
    }

    public int inFlightCount() {
        return inFlight.size();
    }

    public long awaitingDurabilityCount() {
        return awaitingDurability.size();
    }

    public boolean isWaiting(long block) {
        return pending.contains(block) || escalation.contains(block);
    }

    public boolean isTracked(long block) {
        return isWaiting(block)
                || inFlight.containsKey(block)
                || awaitingDurability.contains(block);
    }

    public boolean isInFlightAt(long block, PeerId peer) {
        InFlight entry = inFlight.get(block);
        return entry != null && entry.peer().equals(peer);
    }

    /** The blocks in flight at {@code peer}, ascending, as a copy. */
    public List<Long> inFlightAt(PeerId peer) {
        NavigableSet<Long> blocks = inFlightByPeer.get(peer);
        return blocks == null ? List.of() : List.copyOf(blocks);
    }

    public Set<PeerId> peersWithWork() {
        return Set.copyOf(inFlightByPeer.keySet());
    }

    public int attempts(long block) {
        return attempts.getOrDefault(block, 0);
    }

    /** Blocks of the shard not yet persisted, whatever their state. */
    public long outstandingInShard(long shard) {
        BlockRange range = escalation.shardRange(shard);
        return pending.countIn(range.first(), range.last())
                + escalation.countIn(range.first(), range.last())
                + inFlight.subMap(range.first(), true, range.last(), true).size()
                + awaitingDurability.countIn(range.first(), range.last());
    }

    /** Adds the blocks of first..last that are not tracked already; returns how many were added. */
    public long addRange(long first, long last) {
        RunSet fresh = new RunSet();
        fresh.addRange(first, last);
        for (BlockRange run : awaitingDurability.runsWithin(first, last)) {
            fresh.removeRange(run.first(), run.last());
        }
        for (BlockRange run : escalation.runs()) {
            if (run.last() >= first && run.first() <= last) {
                fresh.removeRange(run.first(), run.last());
            }
        }
        for (long block : inFlight.subMap(first, true, last, true).keySet()) {
            fresh.remove(block);
        }
        long added = 0;
        for (BlockRange run : fresh.runs()) {
            added += pending.addRange(run.first(), run.last());
        }
        return added;
    }

    /**
     * Stops tracking first..last: waiting and awaiting blocks are dropped, in-flight ones are
     * forgotten (their peer's later report on them is ignored). Returns how many blocks were
     * dropped.
     */
    public long withdrawRange(long first, long last) {
        long dropped =
                pending.removeRange(first, last)
                        + escalation.removeRange(first, last)
                        + awaitingDurability.removeRange(first, last);
        NavigableMap<Long, InFlight> flying = inFlight.subMap(first, true, last, true);
        for (Map.Entry<Long, InFlight> entry : new ArrayList<>(flying.entrySet())) {
            forgetInFlight(entry.getKey(), entry.getValue().peer());
            dropped++;
        }
        attempts.subMap(first, true, last, true).clear();
        return dropped;
    }

    /** Moves a contiguous batch of waiting blocks to {@code peer}. */
    public void assign(BlockRange batch, PeerId peer, long now) {
        for (long block = batch.first(); block <= batch.last(); block++) {
            if (!pending.remove(block) && !escalation.remove(block)) {
                throw new IllegalStateException(
                        "block " + block + " is not waiting; cannot assign it to " + peer);
            }
            inFlight.put(block, new InFlight(peer, now));
            inFlightByPeer.computeIfAbsent(peer, p -> new TreeSet<>()).add(block);
        }
    }

    /**
     * The peer delivered the block to the writer. Accepted when it was in flight at that peer, and
     * also when it was waiting (a report that arrived after the block was taken back): the writer
     * has it either way. Returns whether the block now awaits durability because of this report.
     */
    public boolean delivered(long block, PeerId peer) {
        if (isInFlightAt(block, peer)) {
            forgetInFlight(block, peer);
        } else if (!pending.remove(block) && !escalation.remove(block)) {
            return false;
        }
        awaitingDurability.add(block);
        return true;
    }

    /**
     * The peer failed the block: one more attempt; back to the queue (escalated once attempts reach
     * the limit). Returns false (and changes nothing) unless the block was in flight at that peer.
     */
    public boolean failed(long block, PeerId peer) {
        if (!isInFlightAt(block, peer)) {
            return false;
        }
        forgetInFlight(block, peer);
        attempts.merge(block, 1, Integer::sum);
        requeue(block);
        return true;
    }

    /**
     * The block goes back to its queue with no attempt counted (not yet available, the peer left,
     * or the peer did not report on it). Returns false unless it was in flight at that peer.
     */
    public boolean release(long block, PeerId peer) {
        if (!isInFlightAt(block, peer)) {
            return false;
        }
        forgetInFlight(block, peer);
        requeue(block);
        return true;
    }

    /** The writer made the block durable: it is done and leaves the tracker. */
    public boolean persisted(long block) {
        boolean known =
                awaitingDurability.remove(block)
                        || pending.remove(block)
                        || escalation.remove(block);
        InFlight entry = inFlight.get(block);
        if (entry != null) {
            forgetInFlight(block, entry.peer());
            known = true;
        }
        attempts.remove(block);
        return known;
    }

    /**
     * The writer refused a delivered block (its parent link contradicts the stored chain): it waits
     * again, with one more attempt. Returns false unless it was awaiting durability.
     */
    public boolean rejected(long block) {
        if (!awaitingDurability.remove(block)) {
            return false;
        }
        attempts.merge(block, 1, Integer::sum);
        requeue(block);
        return true;
    }

    /** The writer could not persist the block: it waits again, with no attempt counted. */
    public boolean persistFailed(long block) {
        if (!awaitingDurability.remove(block)) {
            return false;
        }
        requeue(block);
        return true;
    }

    /**
     * A rollback of the store: every block in flight or awaiting durability waits again, with no
     * penalty to anyone (its assignment predates the rollback, and the writer drops what it
     * delivers). Returns the peers whose batches were cut.
     */
    public Set<PeerId> requeueOutstanding() {
        Set<PeerId> cut = new TreeSet<>(peersWithWork());
        for (PeerId peer : cut) {
            for (long block : inFlightAt(peer)) {
                release(block, peer);
            }
        }
        for (BlockRange run : awaitingDurability.runs()) {
            for (long block = run.first(); block <= run.last(); block++) {
                persistFailed(block);
            }
        }
        return cut;
    }

    /** Escalated blocks that are waiting, ascending. */
    public List<Long> escalatedBlocks() {
        return escalation.toList();
    }

    TrackerSnapshot snapshot() {
        Map<Long, InFlight> flying = new TreeMap<>(inFlight);
        return new TrackerSnapshot(
                pending.runs(),
                escalation.runs(),
                flying,
                awaitingDurability.runs(),
                new TreeMap<>(attempts));
    }

    void restore(TrackerSnapshot snapshot) {
        snapshot.pending().forEach(run -> pending.addRange(run.first(), run.last()));
        snapshot.escalated()
                .forEach(
                        run -> {
                            for (long block = run.first(); block <= run.last(); block++) {
                                escalation.add(block);
                            }
                        });
        snapshot.inFlight()
                .forEach(
                        (block, entry) -> {
                            inFlight.put(block, entry);
                            inFlightByPeer
                                    .computeIfAbsent(entry.peer(), p -> new TreeSet<>())
                                    .add(block);
                        });
        snapshot.awaitingDurability()
                .forEach(run -> awaitingDurability.addRange(run.first(), run.last()));
        attempts.putAll(snapshot.attempts());
    }

    private void requeue(long block) {
        if (attempts(block) >= maxAttempts) {
            escalation.add(block);
        } else {
            pending.add(block);
        }
    }

    private void forgetInFlight(long block, PeerId peer) {
        inFlight.remove(block);
        NavigableSet<Long> blocks = inFlightByPeer.get(peer);
        if (blocks != null) {
            blocks.remove(block);
            if (blocks.isEmpty()) {
                inFlightByPeer.remove(peer);
            }
        }
    }

    /** An immutable copy of the tracker, for a mode switch. */
    public record TrackerSnapshot(
            List<BlockRange> pending,
            List<BlockRange> escalated,
            Map<Long, InFlight> inFlight,
            List<BlockRange> awaitingDurability,
            Map<Long, Integer> attempts) {

        public TrackerSnapshot {
            pending = List.copyOf(pending);
            escalated = List.copyOf(escalated);
            inFlight = Map.copyOf(inFlight);
            awaitingDurability = List.copyOf(awaitingDurability);
            attempts = Map.copyOf(attempts);
        }
    }
}
