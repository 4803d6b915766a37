package io.annals.sync.head;

import io.annals.core.types.Hash;
import io.annals.sync.chain.Anchor;
import io.annals.sync.model.PeerId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The network head as the connected peers tell it. A peer's claim (Status, BlockRangeUpdate,
 * NewBlockHashes) is a hint: one peer alone can lie or be on a fork. A head number counts when
 * {@code quorum} peers claim at least it, or when one peer proved it by serving its header (the
 * peer actors' probes); the network head is the higher of the two, and it decides how far the
 * target reaches.
 *
 * <p>The chain is anchored by hash, not by number: the {@link #anchor()} is the highest block that
 * {@code quorum} peers name as their current head with the same hash (every peer, when fewer are
 * connected). A single peer cannot make one on its own while others are there.
 */
final class HeadVotes {

    /**
     * A peer's highest claimed and proven numbers, and the head it named last (hash may be absent).
     */
    private record Claim(long claimed, long proven, long number, Hash hash) {}

    private record Head(long number, Hash hash) {}

    private final int quorum;
    private final Map<PeerId, Claim> claims = new HashMap<>();

    HeadVotes(int quorum) {
        this.quorum = quorum;
    }

    void claim(PeerId peer, long head, boolean proven) {
        claim(peer, head, Optional.empty(), proven);
    }

    void claim(PeerId peer, long head, Optional<Hash> hash, boolean proven) {
        Claim previous = claims.getOrDefault(peer, new Claim(-1, -1, -1, null));
        Hash named = hash.orElse(previous.number() == head ? previous.hash() : null);
        claims.put(
                peer,
                new Claim(
                        Math.max(previous.claimed(), head),
                        proven ? Math.max(previous.proven(), head) : previous.proven(),
                        head,
                        named));
    }

    void forget(PeerId peer) {
        claims.remove(peer);
    }

    int peers() {
        return claims.size();
    }

    /** The highest head some peer proved, or -1. */
    long proven() {
        return claims.values().stream().mapToLong(Claim::proven).max().orElse(-1);
    }

    /** The highest head at least {@code quorum} peers claim, or -1. */
    long agreed() {
        if (claims.size() < quorum) {
            return -1;
        }
        List<Long> heads = new ArrayList<>();
        claims.values().forEach(claim -> heads.add(Math.max(claim.claimed(), claim.proven())));
        heads.sort(Comparator.reverseOrder());
        return heads.get(quorum - 1);
    }

    /**
     * The network head: the higher of the proven and the agreed head; -1 while there is neither.
     */
    long head() {
        return Math.max(proven(), agreed());
    }

    /**
     * The highest head (number and hash) that {@code quorum} peers name as theirs, or all of them
     * when fewer are connected; the one with more supporters when two compete at one height.
     */
    Optional<Anchor> anchor() {
        Map<Head, Set<PeerId>> supporters = new HashMap<>();
        claims.forEach(
                (peer, claim) -> {
                    if (claim.hash() != null && claim.number() >= 0) {
                        supporters
                                .computeIfAbsent(
                                        new Head(claim.number(), claim.hash()),
                                        head -> new HashSet<>())
                                .add(peer);
                    }
                });
        int needed = Math.min(quorum, claims.size());
        return supporters.entrySet().stream()
                .filter(entry -> entry.getValue().size() >= needed)
                .max(
                        Comparator.<Map.Entry<Head, Set<PeerId>>>comparingLong(
                                        entry -> entry.getKey().number())
                                .thenComparingInt(entry -> entry.getValue().size())
                                .thenComparing(entry -> entry.getKey().hash().toHex()))
                .map(
                        entry ->
                                new Anchor(
                                        entry.getKey().number(),
                                        entry.getKey().hash(),
                                        entry.getValue()));
    }

    /** Whether {@code peer} names {@code anchor} as its head. */
    boolean names(PeerId peer, Anchor anchor) {
        Claim claim = claims.get(peer);
        return claim != null
                && claim.number() == anchor.number()
                && anchor.hash().equals(claim.hash());
    }
}
