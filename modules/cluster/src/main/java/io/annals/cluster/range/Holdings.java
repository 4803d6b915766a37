package io.annals.cluster.range;

import io.annals.cluster.directory.Directory;
import io.annals.cluster.directory.HeldRun;
import io.annals.cluster.directory.Holding;
import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The plain rules behind the holdings a host publishes and the leftovers it drops (the {@link
 * HoldingsPublisher} runs them on the store's figures): one holding per range that it owns or holds
 * blocks of, the stale holdings of hosts that are gone and whose blocks it now holds itself, and
 * the blocks of ranges it no longer owns (outside its tip window) that the owner now holds.
 */
final class Holdings {
    private Holdings() {}

    /**
     * This host's holdings: for each range it owns or has blocks of, the present runs within it
     * (the first {@link Holding#MAX_RUNS}) with the hash of each run's last block.
     */
    static Map<String, Holding> of(
            String self,
            RangeMap ranges,
            Ownership ownership,
            List<BlockRange> present,
            LongFunction<Optional<Hash>> hashAt) {
        Map<Long, List<HeldRun>> byRange = new LinkedHashMap<>();
        for (BlockRange run : present) {
            for (BlockRange piece : ranges.split(run.first(), run.last())) {
                if (piece.last() < ranges.startBlock()) {
                    continue;
                }
                List<HeldRun> runs =
                        byRange.computeIfAbsent(
                                ranges.rangeOf(piece.first()), r -> new ArrayList<>());
                if (runs.size() < Holding.MAX_RUNS) {
                    hashAt.apply(piece.last())
                            .ifPresent(
                                    hash ->
                                            runs.add(
                                                    new HeldRun(
                                                            piece.first(), piece.last(), hash)));
                }
            }
        }
        ownership.ranges().forEach(range -> byRange.putIfAbsent(range, new ArrayList<>()));
        Map<String, Holding> out = new LinkedHashMap<>();
        byRange.forEach(
                (range, runs) -> {
                    Holding holding = new Holding(range, self, ownership.owns(range), runs);
                    out.put(holding.key(), holding);
                });
        return out;
    }

    /**
     * Holdings of hosts that are not live, in ranges this host owns, all of whose blocks this host
     * now holds: the range has been synced again here, so the stale entry can go (it kept the
     * cluster's head from falling while the blocks were out of reach).
     */
    static List<String> staleCovered(Directory directory, Map<String, Holding> mine) {
        List<String> stale = new ArrayList<>();
        for (Holding own : mine.values()) {
            if (!own.owned()) {
                continue;
            }
            for (Holding other : directory.holdingsOf(own.range())) {
                if (other.member().equals(directory.self()) || directory.isLive(other.member())) {
                    continue;
                }
                boolean covered =
                        other.runs().stream()
                                .allMatch(
                                        run ->
                                                own.runs().stream()
                                                        .anyMatch(
                                                                mineRun ->
                                                                        mineRun.first()
                                                                                        <= run
                                                                                                .first()
                                                                                && mineRun.last()
                                                                                        >= run
                                                                                                .last()));
                if (covered) {
                    stale.add(other.key());
                }
            }
        }
        return stale;
    }

    /**
     * Runs of blocks this host holds but need not (ranges it does not own, outside its tip window)
     * that the host which needs them already holds: the range's live owner for its part up to the
     * sealed block, the live tip host for the window above it. Dropped when the node keeps no
     * leftovers.
     */
    static List<BlockRange> leftoversHeldByOwners(
            Directory directory, Ownership ownership, Map<String, Holding> mine) {
        long sealed = directory.tip().map(t -> t.sealedThrough()).orElse(Long.MAX_VALUE);
        Optional<String> tipHost = directory.tip().map(t -> t.member()).filter(directory::isLive);
        List<BlockRange> drop = new ArrayList<>();
        for (Holding own : mine.values()) {
            if (own.owned()) {
                continue;
            }
            List<HeldRun> needed = new ArrayList<>();
            directory
                    .ownerOf(own.range())
                    .filter(owner -> !owner.equals(directory.self()))
                    .ifPresent(
                            owner ->
                                    needed.addAll(
                                            runsOf(
                                                    directory,
                                                    own.range(),
                                                    owner,
                                                    true,
                                                    0,
                                                    sealed)));
            tipHost.filter(tip -> !tip.equals(directory.self()))
                    .ifPresent(
                            tip ->
                                    needed.addAll(
                                            runsOf(
                                                    directory,
                                                    own.range(),
                                                    tip,
                                                    false,
                                                    sealed + 1,
                                                    Long.MAX_VALUE)));
            for (HeldRun run : own.runs()) {
                for (HeldRun theirs : needed) {
                    long first = Math.max(run.first(), theirs.first());
                    long last = Math.min(run.last(), theirs.last());
                    if (first <= last) {
                        drop.addAll(outsideRequired(BlockRange.of(first, last), ownership));
                    }
                }
            }
        }
        return drop;
    }

    /**
     * {@code member}'s runs of {@code range} within {@code from..to} (owned holdings only if
     * asked).
     */
    private static List<HeldRun> runsOf(
            Directory directory, long range, String member, boolean owned, long from, long to) {
        List<HeldRun> runs = new ArrayList<>();
        for (Holding holding : directory.holdingsOf(range)) {
            if (!holding.member().equals(member) || (owned && !holding.owned())) {
                continue;
            }
            for (HeldRun run : holding.runs()) {
                long first = Math.max(run.first(), from);
                long last = Math.min(run.last(), to);
                if (first <= last) {
                    runs.add(new HeldRun(first, last, run.lastHash()));
                }
            }
        }
        return runs;
    }

    private static List<BlockRange> outsideRequired(BlockRange run, Ownership ownership) {
        io.annals.sync.ledger.RunSet left = new io.annals.sync.ledger.RunSet();
        left.addRange(run.first(), run.last());
        for (BlockRange need : ownership.required()) {
            long first = Math.max(need.first(), run.first());
            long last = Math.min(need.last(), run.last());
            if (first <= last) {
                left.removeRange(first, last);
            }
        }
        return left.runs();
    }
}
