package io.annals.sync.guard;

import io.annals.sync.chain.LinkConflict;
import io.annals.sync.model.PeerId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The conflicts waiting to be judged, one inquiry at a time, and the penalties. A conflict already
 * judged is not judged again until the store or the anchor changes (a refused block comes back from
 * the scheduler's retries many times). A peer that loses a conflict against an anchor gets a
 * strike; naming the anchored head clears its strikes (a peer that lagged behind a reorg catches
 * up); at {@code maxStrikes} it is disconnected. Plain state, owned by the chain guard.
 */
final class ConflictDesk {

    /** A conflict and the peer that delivered (or claimed) its incoming side. */
    record Evidence(LinkConflict conflict, PeerId source) {}

    private static final int MAX_WAITING = 64;
    private static final int MAX_REMEMBERED = 1024;

    private final int maxStrikes;
    private final Deque<Evidence> waiting = new ArrayDeque<>();
    private final Set<LinkConflict> judged = new LinkedHashSet<>();
    private final Map<PeerId, Integer> strikes = new HashMap<>();
    private Optional<Evidence> current = Optional.empty();
    private long inquiry;

    ConflictDesk(int maxStrikes) {
        this.maxStrikes = maxStrikes;
    }

    /**
     * Queues the evidence unless it was judged already or waits already; returns whether it was
     * queued.
     */
    boolean offer(Evidence evidence) {
        LinkConflict conflict = evidence.conflict();
        if (judged.contains(conflict)
                || current.filter(c -> c.conflict().equals(conflict)).isPresent()
                || waiting.stream().anyMatch(waits -> waits.conflict().equals(conflict))) {
            return false;
        }
        if (waiting.size() >= MAX_WAITING) {
            waiting.removeFirst();
        }
        waiting.addLast(evidence);
        return true;
    }

    /** The next conflict to judge, with its inquiry number, when none is being judged. */
    Optional<Evidence> next() {
        if (current.isPresent() || waiting.isEmpty()) {
            return Optional.empty();
        }
        inquiry++;
        current = Optional.of(waiting.removeFirst());
        return current;
    }

    /** The number of the inquiry under way (or the last one). */
    long inquiry() {
        return inquiry;
    }

    Optional<Evidence> current() {
        return current;
    }

    /**
     * The current inquiry ended; {@code settled} when its verdict holds until the store or anchor
     * changes.
     */
    void finished(boolean settled) {
        current.ifPresent(
                evidence -> {
                    if (settled) {
                        if (judged.size() >= MAX_REMEMBERED) {
                            judged.remove(judged.iterator().next());
                        }
                        judged.add(evidence.conflict());
                    }
                });
        current = Optional.empty();
    }

    /** The store or the anchor changed: a conflict judged before may come out otherwise now. */
    void forgetJudged() {
        judged.clear();
    }

    /** Strikes {@code losers}; returns those that reached the limit (their strikes are cleared). */
    List<PeerId> strike(Collection<PeerId> losers) {
        List<PeerId> out = new ArrayList<>();
        for (PeerId peer : losers) {
            int count = strikes.merge(peer, 1, Integer::sum);
            if (count >= maxStrikes) {
                strikes.remove(peer);
                out.add(peer);
            }
        }
        return out;
    }

    /** The peer names the anchored head: whatever it lost before, it caught up. */
    void cleared(PeerId peer) {
        strikes.remove(peer);
    }

    void forget(PeerId peer) {
        strikes.remove(peer);
    }
}
