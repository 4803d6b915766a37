package io.annals.sync.ledger;

import io.annals.sync.model.PeerId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cooldowns per (block, peer). A failure doubles the pair's cooldown from the initial value up to
 * the mode's cap; "not yet available" sets only the flat retry delay and leaves the failure count
 * alone. The ledger orders peers for a block (the one whose cooldown ends first gets it next); it
 * cannot lock a block away from every peer for longer than the cap, because no cooldown it sets is
 * longer. Entries go when the block completes or the peer leaves, so memory is bounded by the
 * blocks still outstanding times the peers connected.
 */
public final class BackoffLedger {

    /** Why a pair is cooling down. */
    public enum Cause {
        FAILURE,
        NOT_YET_AVAILABLE
    }

    /** One pair's state: failures so far and when the peer may be asked for the block again. */
    public record Cooldown(int failures, long untilMillis, Cause cause) {}

    /** An entry with its key, for snapshots. */
    public record Entry(long block, PeerId peer, Cooldown cooldown) {}

    private final long initialMillis;
    private final long capMillis;
    private final long notYetAvailableMillis;
    private final Map<Long, Map<PeerId, Cooldown>> byBlock = new HashMap<>();
    private final Map<PeerId, Set<Long>> blocksByPeer = new HashMap<>();

    public BackoffLedger(long initialMillis, long capMillis, long notYetAvailableMillis) {
        this.initialMillis = initialMillis;
        this.capMillis = capMillis;
        this.notYetAvailableMillis = Math.min(notYetAvailableMillis, capMillis);
    }

    /** Records a failure of {@code peer} on {@code block}; returns the pair's new cooldown. */
    public Cooldown recordFailure(long block, PeerId peer, long now) {
        Cooldown previous = get(block, peer).orElse(null);
        int failures = previous == null ? 1 : previous.failures() + 1;
        Cooldown next =
                new Cooldown(
                        failures,
                        now + Backoff.delayMillis(failures, initialMillis, capMillis),
                        Cause.FAILURE);
        put(block, peer, next);
        return next;
    }

    /**
     * Records that {@code peer} did not have {@code block} yet: a flat delay, no failure counted.
     */
    public Cooldown recordNotYetAvailable(long block, PeerId peer, long now) {
        int failures = get(block, peer).map(Cooldown::failures).orElse(0);
        Cooldown next =
                new Cooldown(failures, now + notYetAvailableMillis, Cause.NOT_YET_AVAILABLE);
        put(block, peer, next);
        return next;
    }

    public Optional<Cooldown> get(long block, PeerId peer) {
        Map<PeerId, Cooldown> peers = byBlock.get(block);
        return peers == null ? Optional.empty() : Optional.ofNullable(peers.get(peer));
    }

    /**
     * When {@code peer} may be asked for {@code block} again; {@link Long#MIN_VALUE} if at once.
     */
    public long readyAt(long block, PeerId peer) {
        Map<PeerId, Cooldown> peers = byBlock.get(block);
        Cooldown cooldown = peers == null ? null : peers.get(peer);
        return cooldown == null ? Long.MIN_VALUE : cooldown.untilMillis();
    }

    public boolean isCoolingDown(long block, PeerId peer, long now) {
        return readyAt(block, peer) > now;
    }

    /** The blocks {@code peer} has entries for (cooling down or not), as a copy. */
    public Set<Long> blocksOf(PeerId peer) {
        Set<Long> blocks = blocksByPeer.get(peer);
        return blocks == null ? Set.of() : Set.copyOf(blocks);
    }

    /** Drops every entry of a completed or withdrawn block. */
    public void forgetBlock(long block) {
        Map<PeerId, Cooldown> peers = byBlock.remove(block);
        if (peers != null) {
            for (PeerId peer : peers.keySet()) {
                Set<Long> blocks = blocksByPeer.get(peer);
                blocks.remove(block);
                if (blocks.isEmpty()) {
                    blocksByPeer.remove(peer);
                }
            }
        }
    }

    /** Drops every entry of the blocks in first..last (a withdrawn range). */
    public void forgetRange(long first, long last) {
        List<Long> doomed = new ArrayList<>();
        for (long block : byBlock.keySet()) {
            if (block >= first && block <= last) {
                doomed.add(block);
            }
        }
        doomed.forEach(this::forgetBlock);
    }

    /** Drops every entry of a peer that left. */
    public void forgetPeer(PeerId peer) {
        Set<Long> blocks = blocksByPeer.remove(peer);
        if (blocks != null) {
            for (long block : blocks) {
                Map<PeerId, Cooldown> peers = byBlock.get(block);
                peers.remove(peer);
                if (peers.isEmpty()) {
                    byBlock.remove(block);
                }
            }
        }
    }

    /** Number of (block, peer) entries held. */
    public int size() {
        int size = 0;
        for (Set<Long> blocks : blocksByPeer.values()) {
            size += blocks.size();
        }
        return size;
    }

    public List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        byBlock.forEach(
                (block, peers) ->
                        peers.forEach(
                                (peer, cooldown) -> entries.add(new Entry(block, peer, cooldown))));
        return entries;
    }

    /**
     * Loads entries from another ledger (a mode switch), cutting every cooldown that would outlast
     * this ledger's cap from {@code now}: the new mode's cap applies at once, not after the old
     * mode's cooldowns run out.
     */
    public void restore(List<Entry> entries, long now) {
        for (Entry entry : entries) {
            Cooldown cooldown = entry.cooldown();
            long cappedUntil = Math.min(cooldown.untilMillis(), now + capMillis);
            put(
                    entry.block(),
                    entry.peer(),
                    new Cooldown(cooldown.failures(), cappedUntil, cooldown.cause()));
        }
    }

    private void put(long block, PeerId peer, Cooldown cooldown) {
        byBlock.computeIfAbsent(block, b -> new HashMap<>()).put(peer, cooldown);
        blocksByPeer.computeIfAbsent(peer, p -> new HashSet<>()).add(block);
    }
}
