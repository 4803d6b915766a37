package io.annals.sync.chain;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import io.annals.store.HistoryStore;
import io.annals.sync.link.PeerLink;
import io.annals.sync.model.PeerId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Decides a {@link LinkConflict}: which of the two chains meeting at one height is the canonical
 * one, and, when the stored one lost, which stored blocks must go. Composed as futures over peer
 * requests and store reads (no actor state), like the peer actors' probes.
 *
 * <ol>
 *   <li><b>Anchored.</b> When an anchor (an agreed head, or a checkpoint) lies at or above the
 *       conflict within {@link #SEARCH_LIMIT} blocks, headers are walked down from its hash to the
 *       conflict: the side that is on that chain wins, whatever any peer claims, since the walk's
 *       parent links cannot be forged.
 *   <li><b>Voted.</b> Otherwise every connected peer is asked for its block at that height; the
 *       incoming side wins only with more peers than the stored side (a tie keeps what is stored).
 * </ol>
 *
 * When the stored side lost, the winning chain is walked on down to the first block the store
 * agrees with (or does not hold): the common ancestor. The stored run from there up is dropped. A
 * drop of more than the rollback window of blocks that an agreed head had confirmed is a reorg too
 * deep to follow, and so is any drop beyond one atomic batch.
 */
public final class ConflictInquiry {

    /**
     * How far below a conflict the common ancestor is looked for, and the most blocks one drop
     * removes.
     */
    public static final int SEARCH_LIMIT = HistoryStore.MAX_ATOMIC_ROLLBACK;

    /**
     * One conflict and what the head tracker knows around it.
     *
     * @param source the peer that delivered (or claimed) the incoming side
     * @param anchors anchors to decide against: the agreed head, checkpoints
     * @param links every connected peer
     * @param confirmedThrough the highest block an agreed head confirmed; dropping it is a reorg
     * @param rollbackWindow the deepest reorg of confirmed blocks that is followed
     * @param quorum peers the winning side needs before stored blocks are dropped for it (an
     *     anchor's supporters, or the vote; a checkpoint needs none)
     */
    public record Inquiry(
            LinkConflict conflict,
            PeerId source,
            List<Anchor> anchors,
            Map<PeerId, PeerLink> links,
            long confirmedThrough,
            long rollbackWindow,
            int quorum,
            Duration requestTimeout) {
        public Inquiry {
            Objects.requireNonNull(conflict, "conflict");
            anchors = List.copyOf(anchors);
            links = Map.copyOf(links);
        }
    }

    private final Inquiry in;
    private final StoredHashes store;
    private final long height;
    private final long lowest;

    private ConflictInquiry(Inquiry inquiry, StoredHashes store) {
        this.in = inquiry;
        this.store = store;
        this.height = inquiry.conflict().height();
        this.lowest = Math.max(0, height - SEARCH_LIMIT);
    }

    public static CompletableFuture<Judgement> run(Inquiry inquiry, StoredHashes store) {
        return new ConflictInquiry(inquiry, store).judge();
    }

    private CompletableFuture<Judgement> judge() {
        Optional<Anchor> anchor =
                in.anchors().stream()
                        .filter(
                                candidate ->
                                        candidate.number() >= height
                                                && candidate.number() - height <= SEARCH_LIMIT)
                        .min(Comparator.comparingLong(Anchor::number));
        if (anchor.isEmpty()) {
            return voted();
        }
        return anchored(anchor.get())
                .thenCompose(
                        judged ->
                                judged.isPresent()
                                        ? CompletableFuture.completedFuture(judged.get())
                                        : voted());
    }

    /**
     * Empty when no peer served the anchor's chain down to the conflict: the peers vote instead.
     */
    private CompletableFuture<Optional<Judgement>> anchored(Anchor anchor) {
        List<PeerLink> links = new ArrayList<>();
        anchor.supporters().stream()
                .sorted()
                .map(in.links()::get)
                .filter(Objects::nonNull)
                .forEach(links::add);
        in.links().keySet().stream()
                .sorted()
                .filter(peer -> !anchor.supporters().contains(peer))
                .map(in.links()::get)
                .forEach(links::add);
        Descent descent = new Descent();
        return HeaderWalk.down(
                        links,
                        anchor.hash(),
                        anchor.number(),
                        lowest,
                        in.requestTimeout(),
                        descent::check)
                .thenCompose(
                        headers -> {
                            Optional<BlockHeader> atConflict =
                                    headers.stream().filter(h -> h.number() == height).findFirst();
                            if (atConflict.isEmpty()) {
                                return CompletableFuture.completedFuture(Optional.empty());
                            }
                            Hash winner = atConflict.get().hash();
                            String origin = "the chain of anchor " + anchor;
                            if (winner.equals(in.conflict().stored())) {
                                return CompletableFuture.completedFuture(
                                        Optional.of(
                                                new Judgement.Refuse(
                                                        Set.of(in.source()),
                                                        true,
                                                        "block "
                                                                + height
                                                                + " "
                                                                + in.conflict().incoming()
                                                                + " from "
                                                                + in.source()
                                                                + " is not on "
                                                                + origin)));
                            }
                            if (!anchor.supporters().isEmpty()
                                    && anchor.supporters().size() < in.quorum()) {
                                return CompletableFuture.completedFuture(
                                        Optional.of(tooFewToRollBack(anchor.supporters().size())));
                            }
                            Set<PeerId> losers =
                                    winner.equals(in.conflict().incoming())
                                            ? Set.of()
                                            : Set.of(in.source());
                            return replace(headers, descent, origin, losers)
                                    .thenApply(Optional::of);
                        });
    }

    private CompletableFuture<Judgement> voted() {
        LinkConflict conflict = in.conflict();
        return BranchVote.at(
                        height,
                        conflict.stored(),
                        conflict.incoming(),
                        in.links(),
                        in.requestTimeout())
                .thenCompose(
                        tally -> {
                            if (!tally.incomingWins()) {
                                Set<PeerId> losers = new HashSet<>(tally.forIncoming());
                                losers.add(in.source());
                                return CompletableFuture.completedFuture(
                                        new Judgement.Refuse(
                                                losers,
                                                false,
                                                "block "
                                                        + height
                                                        + ": the stored block stays ("
                                                        + tally
                                                        + ")"));
                            }
                            if (tally.forIncoming().size() < in.quorum()) {
                                return CompletableFuture.completedFuture(
                                        tooFewToRollBack(tally.forIncoming().size()));
                            }
                            List<PeerLink> links = new ArrayList<>();
                            Optional.ofNullable(in.links().get(in.source())).ifPresent(links::add);
                            tally.forIncoming().stream()
                                    .sorted()
                                    .filter(peer -> !peer.equals(in.source()))
                                    .map(in.links()::get)
                                    .forEach(links::add);
                            Descent descent = new Descent();
                            return HeaderWalk.down(
                                            links,
                                            conflict.incoming(),
                                            height,
                                            lowest,
                                            in.requestTimeout(),
                                            descent::check)
                                    .thenCompose(
                                            headers ->
                                                    headers.isEmpty()
                                                            ? CompletableFuture.completedFuture(
                                                                    new Judgement.Unresolved(
                                                                            "no peer serves block "
                                                                                    + height
                                                                                    + " "
                                                                                    + conflict
                                                                                            .incoming()
                                                                                    + " although "
                                                                                    + tally))
                                                            : replace(
                                                                    headers,
                                                                    descent,
                                                                    "the chain most peers serve at block "
                                                                            + height
                                                                            + " ("
                                                                            + tally
                                                                            + ")",
                                                                    Set.of()));
                        });
    }

    /**
     * The stored side lost, but on the word of fewer peers than the quorum: it stays. A lone peer
     * can lead the node forward along headers that link to the stored chain; it cannot make it drop
     * stored blocks. No one is penalised: the peer may well be right, and a second peer on its side
     * (the anchor gaining a supporter) decides the conflict afresh.
     */
    private Judgement tooFewToRollBack(int supporters) {
        return new Judgement.Refuse(
                Set.of(),
                false,
                "block "
                        + height
                        + ": the stored block stays: "
                        + supporters
                        + " peer(s) serve the other one, and dropping stored blocks needs "
                        + in.quorum());
    }

    /**
     * The stored side lost against {@code headers} (descending): what to drop, or why it cannot be.
     */
    private CompletableFuture<Judgement> replace(
            List<BlockHeader> headers, Descent descent, String origin, Set<PeerId> losers) {
        if (descent.ancestor.isEmpty()) {
            BlockHeader last = headers.get(headers.size() - 1);
            Judgement judged =
                    last.number() <= lowest && lowest > 0
                            ? new Judgement.TooDeep(
                                    SEARCH_LIMIT + 1,
                                    "walking back "
                                            + origin
                                            + " found no block the store agrees "
                                            + "with within "
                                            + SEARCH_LIMIT
                                            + " blocks below block "
                                            + height
                                            + "; the store stays as it is")
                            : new Judgement.Unresolved(
                                    "the walk back "
                                            + origin
                                            + " ended at block "
                                            + last.number()
                                            + " before meeting the stored chain");
            return CompletableFuture.completedFuture(judged);
        }
        long ancestor = descent.ancestor.getAsLong();
        Optional<Hash> ancestorHash =
                headers.stream()
                        .filter(h -> h.number() == ancestor)
                        .findFirst()
                        .map(BlockHeader::hash);
        String search =
                "walking back "
                        + origin
                        + " met the stored chain at block "
                        + ancestor
                        + ancestorHash.map(hash -> " (" + hash + ")").orElse(" (not stored)");
        return store.presentRanges()
                .thenApply(runs -> plan(runs, ancestor, headers, search, losers));
    }

    private Judgement plan(
            List<BlockRange> runs,
            long ancestor,
            List<BlockHeader> headers,
            String search,
            Set<PeerId> losers) {
        Optional<BlockRange> losing =
                runs.stream()
                        .filter(run -> run.last() > ancestor && run.first() <= height + 1)
                        .findFirst();
        if (losing.isEmpty()) {
            return new Judgement.Unresolved(search + "; nothing stored conflicts with it any more");
        }
        long top = losing.get().last();
        long highest = runs.get(runs.size() - 1).last();
        long depth = top - ancestor;
        long dropped = 0;
        for (BlockRange run : runs) {
            dropped +=
                    Math.max(
                            0, Math.min(run.last(), top) - Math.max(run.first(), ancestor + 1) + 1);
        }
        boolean confirmed = ancestor < in.confirmedThrough();
        if (confirmed && depth > in.rollbackWindow()) {
            return new Judgement.TooDeep(
                    depth,
                    "reorg of depth "
                            + depth
                            + " exceeds the rollback window of "
                            + in.rollbackWindow()
                            + " blocks: "
                            + search
                            + ", "
                            + depth
                            + " blocks below the stored block "
                            + top
                            + "; the store stays on its branch");
        }
        if (dropped > SEARCH_LIMIT) {
            return new Judgement.TooDeep(
                    depth,
                    "dropping the "
                            + dropped
                            + " stored blocks "
                            + (ancestor + 1)
                            + ".."
                            + top
                            + " that lost would take more than one atomic batch ("
                            + SEARCH_LIMIT
                            + "): "
                            + search);
        }
        NavigableMap<Long, Hash> branch = new TreeMap<>();
        headers.stream()
                .filter(header -> header.number() > ancestor)
                .forEach(header -> branch.put(header.number(), header.hash()));
        RollbackPlan plan =
                new RollbackPlan(
                        ancestor,
                        top,
                        top == highest,
                        branch,
                        confirmed ? in.rollbackWindow() : SEARCH_LIMIT,
                        search
                                + "; dropping "
                                + dropped
                                + " stored blocks "
                                + (ancestor + 1)
                                + ".."
                                + top);
        return new Judgement.Replace(plan, losers, plan.cause());
    }

    /**
     * The walk's stop rule below the conflict: the first block (from the top, at or below the
     * conflict's height) that the store does not hold or holds with the walked hash is the common
     * ancestor.
     */
    private final class Descent {
        private OptionalLong ancestor = OptionalLong.empty();

        CompletableFuture<Boolean> check(List<BlockHeader> chunk) {
            List<BlockHeader> below =
                    chunk.stream().filter(header -> header.number() <= height).toList();
            if (below.isEmpty()) {
                return CompletableFuture.completedFuture(false);
            }
            long top = below.get(0).number();
            long bottom = below.get(below.size() - 1).number();
            return store.hashes(bottom, top)
                    .thenApply(
                            stored -> {
                                for (BlockHeader header : below) {
                                    Hash hash = stored.get(header.number());
                                    if (hash == null || hash.equals(header.hash())) {
                                        ancestor = OptionalLong.of(header.number());
                                        return true;
                                    }
                                }
                                return false;
                            });
        }
    }
}
