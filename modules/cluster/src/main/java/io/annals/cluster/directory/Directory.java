package io.annals.cluster.directory;

import io.annals.cluster.range.RangeMap;
import io.annals.cluster.tip.TipState;
import io.annals.store.BlockRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One immutable view of who holds what in the cluster: every host's holdings (from distributed
 * data, so it may lag a host's store by a publishing interval), the member cards, which members are
 * live (up and reachable), and the tip. Readers route by it; nothing here is the only record of
 * anything.
 *
 * <p>Routing prefers the range's owner (its entity runs there, so its store is the one that grows),
 * then another live holder (a former owner that still has the blocks, or the tip host's window).
 * Blocks that only hosts which are not live hold are unreachable: a temporary error, never "not
 * found". Blocks nobody holds are missing, as on one store.
 */
public record Directory(
        RangeMap ranges,
        String self,
        Map<Long, List<Holding>> holdings,
        Map<String, MemberCard> members,
        Set<String> liveMembers,
        Optional<TipState> tip) {

    public Directory {
        holdings = Map.copyOf(holdings);
        members = Map.copyOf(members);
        liveMembers = Set.copyOf(liveMembers);
    }

    /** A directory that knows only this host (before distributed data answered). */
    public static Directory empty(RangeMap ranges, String self) {
        return new Directory(ranges, self, Map.of(), Map.of(), Set.of(self), Optional.empty());
    }

    public boolean isLive(String member) {
        return member.equals(self) || liveMembers.contains(member);
    }

    public List<Holding> holdingsOf(long range) {
        return holdings.getOrDefault(range, List.of());
    }

    /** The live owner of a range; of two (a handoff in flight) the one holding more. */
    public Optional<String> ownerOf(long range) {
        return holdingsOf(range).stream()
                .filter(Holding::owned)
                .filter(holding -> isLive(holding.member()))
                .max(Comparator.comparingLong(Holding::blocks))
                .map(Holding::member);
    }

    /**
     * The highest block H such that every block from the start block to H is held by some host,
     * live or not (a host that died still counts until its ranges are synced again elsewhere, so
     * the head does not fall when a host is lost; its blocks are unreachable meanwhile). Empty
     * while the start block is held by nobody.
     */
    public OptionalLong head() {
        List<BlockRange> runs = new ArrayList<>();
        holdings.values()
                .forEach(list -> list.forEach(h -> h.runs().forEach(r -> runs.add(r.range()))));
        runs.sort(Comparator.comparingLong(BlockRange::first));
        long start = ranges.startBlock();
        long reached = start - 1;
        for (BlockRange run : runs) {
            if (run.first() > reached + 1) {
                break;
            }
            reached = Math.max(reached, run.last());
        }
        return reached < start ? OptionalLong.empty() : OptionalLong.of(reached);
    }

    /** The lowest block any host holds. */
    public OptionalLong earliest() {
        return holdings.values().stream()
                .flatMap(List::stream)
                .flatMap(h -> h.runs().stream())
                .mapToLong(HeldRun::first)
                .min();
    }

    /**
     * Who answers for {@code blocks}, cut into runs in order: the owner of each range where it
     * holds the blocks (and where nobody is known to hold them, since its store may be ahead of
     * what it published), another live holder where the owner lacks them, and else unreachable or
     * missing.
     */
    public List<Route> route(BlockRange blocks) {
        List<Route> routes = new ArrayList<>();
        for (BlockRange piece : ranges.split(blocks.first(), blocks.last())) {
            if (piece.last() < ranges.startBlock()) {
                add(routes, new Route.Missing(piece));
                continue;
            }
            routePiece(piece, routes);
        }
        return routes;
    }

    /** The route of one block. */
    public Route route(long block) {
        return route(BlockRange.single(block)).get(0);
    }

    /**
     * Whether {@code member} published a run holding {@code block}: the directory vouches for the
     * block there, so an answer without it means the host dropped it since (a handover). A host
     * answering for a range it owns but has not published (its store may be ahead) is not vouched
     * for.
     */
    public boolean publishedHolding(String member, long block) {
        return publishedAny(member, BlockRange.single(block));
    }

    /** Whether {@code member} published a run holding any of {@code blocks}. */
    public boolean publishedAny(String member, BlockRange blocks) {
        return holdings.values().stream()
                .flatMap(List::stream)
                .filter(h -> h.member().equals(member))
                .flatMap(h -> h.runs().stream())
                .anyMatch(run -> run.first() <= blocks.last() && run.last() >= blocks.first());
    }

    /** The live hosts that hold something, this one first: whom a lookup by hash asks. */
    public List<String> liveHolders() {
        List<String> out = new ArrayList<>();
        out.add(self);
        holdings.values().stream()
                .flatMap(List::stream)
                .map(Holding::member)
                .filter(this::isLive)
                .distinct()
                .filter(member -> !member.equals(self))
                .sorted()
                .forEach(out::add);
        return out;
    }

    /** Hosts that hold something but are not live now. */
    public List<String> unreachableHolders() {
        return holdings.values().stream()
                .flatMap(List::stream)
                .map(Holding::member)
                .filter(member -> !isLive(member))
                .distinct()
                .sorted()
                .toList();
    }

    private void routePiece(BlockRange piece, List<Route> routes) {
        long range = ranges.rangeOf(piece.first());
        Optional<String> owner = ownerOf(range);
        List<Holding> held = holdingsOf(range);
        long at = piece.first();
        while (at <= piece.last()) {
            long point = at;
            Optional<Holding> ownerHolding =
                    owner.flatMap(
                            o ->
                                    held.stream()
                                            .filter(h -> h.member().equals(o) && h.owned())
                                            .filter(h -> h.runHolding(point).isPresent())
                                            .findFirst());
            if (ownerHolding.isPresent()) {
                long end = Math.min(piece.last(), ownerHolding.get().runHolding(at).get().last());
                add(routes, new Route.Member(BlockRange.of(at, end), owner.get()));
                at = end + 1;
                continue;
            }
            Optional<Holding> live =
                    held.stream()
                            .filter(h -> isLive(h.member()))
                            .filter(h -> h.runHolding(point).isPresent())
                            .max(Comparator.comparingLong(Holding::blocks));
            long nextOwned = owner.map(o -> nextStart(held, o, point)).orElse(Long.MAX_VALUE);
            if (live.isPresent()) {
                long end =
                        Math.min(
                                Math.min(piece.last(), live.get().runHolding(at).get().last()),
                                nextOwned - 1);
                add(routes, new Route.Member(BlockRange.of(at, end), live.get().member()));
                at = end + 1;
                continue;
            }
            long nextHeld = nextLiveStart(held, point);
            long end = Math.min(piece.last(), Math.min(nextHeld, nextOwned) - 1);
            if (owner.isPresent()) {
                // the owner's store may be ahead of what it published: it answers for itself
                add(routes, new Route.Member(BlockRange.of(at, end), owner.get()));
                at = end + 1;
                continue;
            }
            Optional<Holding> gone =
                    held.stream().filter(h -> h.runHolding(point).isPresent()).findFirst();
            if (gone.isPresent()) {
                end = Math.min(end, gone.get().runHolding(at).get().last());
                add(routes, new Route.Unreachable(BlockRange.of(at, end), gone.get().member()));
            } else {
                long nextGone = nextAnyStart(held, point);
                end = Math.min(end, nextGone - 1);
                add(routes, new Route.Missing(BlockRange.of(at, end)));
            }
            at = end + 1;
        }
    }

    /** The first block above {@code after} where {@code member}'s owned holding has a run. */
    private static long nextStart(List<Holding> held, String member, long after) {
        return held.stream()
                .filter(h -> h.member().equals(member) && h.owned())
                .flatMap(h -> h.runs().stream())
                .mapToLong(HeldRun::first)
                .filter(first -> first > after)
                .min()
                .orElse(Long.MAX_VALUE);
    }

    private long nextLiveStart(List<Holding> held, long after) {
        return held.stream()
                .filter(h -> isLive(h.member()))
                .flatMap(h -> h.runs().stream())
                .mapToLong(HeldRun::first)
                .filter(first -> first > after)
                .min()
                .orElse(Long.MAX_VALUE);
    }

    private static long nextAnyStart(List<Holding> held, long after) {
        return held.stream()
                .flatMap(h -> h.runs().stream())
                .mapToLong(HeldRun::first)
                .filter(first -> first > after)
                .min()
                .orElse(Long.MAX_VALUE);
    }

    /** Appends, joining a route to the previous one when they are adjacent and alike. */
    private static void add(List<Route> routes, Route route) {
        if (!routes.isEmpty()) {
            Route last = routes.get(routes.size() - 1);
            if (last.blocks().last() + 1 == route.blocks().first() && sameTarget(last, route)) {
                BlockRange joined = BlockRange.of(last.blocks().first(), route.blocks().last());
                routes.set(routes.size() - 1, withBlocks(route, joined));
                return;
            }
        }
        routes.add(route);
    }

    private static boolean sameTarget(Route a, Route b) {
        if (a instanceof Route.Member m && b instanceof Route.Member n) {
            return m.member().equals(n.member());
        }
        if (a instanceof Route.Unreachable m && b instanceof Route.Unreachable n) {
            return m.member().equals(n.member());
        }
        return a instanceof Route.Missing && b instanceof Route.Missing;
    }

    private static Route withBlocks(Route route, BlockRange blocks) {
        if (route instanceof Route.Member m) {
            return new Route.Member(blocks, m.member());
        }
        if (route instanceof Route.Unreachable u) {
            return new Route.Unreachable(blocks, u.member());
        }
        return new Route.Missing(blocks);
    }
}
