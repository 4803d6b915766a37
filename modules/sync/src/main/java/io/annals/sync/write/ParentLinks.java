package io.annals.sync.write;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.sync.chain.LinkConflict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The last check before a block is written: its links to its neighbours, wherever both sides are
 * known, in whichever order they arrived. A block must not contradict the stored chain: its parent
 * hash must be the hash of block {@code n - 1} (in the same write, or stored), the stored block
 * {@code n + 1} must name it as parent, and a block stored at {@code n} must be this very block.
 * Nor may it contradict a trusted hash: a checkpoint, or the branch the chain follows after a
 * rollback (at its own number, or as its parent). Peer actors already checked the links inside each
 * batch; this covers the seams between batches of different peers, between a batch and what is
 * stored, and the chain tip in follow mode, where a mismatch is what a reorg looks like. A refused
 * block is never written.
 *
 * <p>Which side of a mismatch with a stored block is wrong cannot be told here: the block in hand
 * is refused, and the refusal carries the {@link LinkConflict} the head tracker resolves (the
 * stored side may lose and be rolled back). A block that contradicts a trusted hash is simply
 * wrong.
 */
final class ParentLinks {

    private ParentLinks() {}

    /** A block refused, and why; with the conflict when it contradicts a stored block. */
    record Refusal(PendingBlock block, String reason, Optional<LinkConflict> conflict) {}

    record Verdict(List<PendingBlock> accepted, List<Refusal> refused) {}

    /**
     * Checks a write's blocks in ascending order; the first of two blocks with one number is kept.
     *
     * @param trusted the trusted hash of a block number, if any (checkpoints, the followed branch)
     */
    static Verdict check(
            List<PendingBlock> group, SyncStore store, LongFunction<Optional<Hash>> trusted) {
        List<PendingBlock> sorted = new ArrayList<>(group);
        sorted.sort(Comparator.comparingLong(PendingBlock::number));
        Map<Long, Hash> accepted = new HashMap<>();
        List<PendingBlock> keep = new ArrayList<>(sorted.size());
        List<Refusal> refused = new ArrayList<>();
        for (PendingBlock candidate : sorted) {
            long number = candidate.number();
            Hash hash = candidate.block().hash();
            if (accepted.containsKey(number)) {
                if (!accepted.get(number).equals(hash)) {
                    refused.add(
                            new Refusal(
                                    candidate,
                                    "another block " + number + " is in the same write",
                                    Optional.empty()));
                }
                continue; // the same block delivered twice: written once
            }
            Optional<Refusal> refusal = problem(candidate, accepted, store, trusted);
            if (refusal.isPresent()) {
                refused.add(refusal.get());
            } else {
                accepted.put(number, hash);
                keep.add(candidate);
            }
        }
        return new Verdict(keep, refused);
    }

    private static Optional<Refusal> problem(
            PendingBlock candidate,
            Map<Long, Hash> accepted,
            SyncStore store,
            LongFunction<Optional<Hash>> trusted) {
        long number = candidate.number();
        Hash hash = candidate.block().hash();
        Optional<Hash> trustedHere = trusted.apply(number);
        if (trustedHere.isPresent() && !trustedHere.get().equals(hash)) {
            return refuse(
                    candidate,
                    "block " + number + " is not the trusted block " + trustedHere.get(),
                    null);
        }
        if (store.isPresent(number)) {
            Optional<Hash> stored = store.canonicalHash(number);
            if (stored.isPresent() && !stored.get().equals(hash)) {
                return refuse(
                        candidate,
                        "another block is stored at " + number + " (" + stored.get() + ")",
                        new LinkConflict(number, stored.get(), hash));
            }
            return Optional.empty(); // already stored: the store skips it
        }
        Hash parent = candidate.block().header().parentHash();
        if (number > 0) {
            Optional<Refusal> below = parentProblem(candidate, parent, accepted, store, trusted);
            if (below.isPresent()) {
                return below;
            }
        }
        if (store.isPresent(number + 1)) {
            Optional<Hash> childParent = store.header(number + 1).map(BlockHeader::parentHash);
            if (childParent.isPresent() && !childParent.get().equals(hash)) {
                return refuse(
                        candidate,
                        "stored block "
                                + (number + 1)
                                + " names another parent ("
                                + childParent.get()
                                + ")",
                        new LinkConflict(number, childParent.get(), hash));
            }
        }
        return Optional.empty();
    }

    private static Optional<Refusal> parentProblem(
            PendingBlock candidate,
            Hash parent,
            Map<Long, Hash> accepted,
            SyncStore store,
            LongFunction<Optional<Hash>> trusted) {
        long below = candidate.number() - 1;
        String mismatch = "parent hash " + parent + " is not block " + below;
        if (accepted.containsKey(below)) {
            return accepted.get(below).equals(parent)
                    ? Optional.empty()
                    : refuse(
                            candidate,
                            mismatch + " (" + accepted.get(below) + ", in the same write)",
                            null);
        }
        if (store.isPresent(below)) {
            Optional<Hash> stored = store.canonicalHash(below);
            return stored.isEmpty() || stored.get().equals(parent)
                    ? Optional.empty()
                    : refuse(
                            candidate,
                            mismatch + " (" + stored.get() + ")",
                            new LinkConflict(below, stored.get(), parent));
        }
        Optional<Hash> trustedParent = trusted.apply(below);
        return trustedParent.isEmpty() || trustedParent.get().equals(parent)
                ? Optional.empty()
                : refuse(candidate, mismatch + " (trusted: " + trustedParent.get() + ")", null);
    }

    private static Optional<Refusal> refuse(
            PendingBlock candidate, String reason, LinkConflict conflict) {
        return Optional.of(new Refusal(candidate, reason, Optional.ofNullable(conflict)));
    }
}
