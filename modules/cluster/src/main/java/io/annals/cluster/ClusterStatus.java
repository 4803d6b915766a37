package io.annals.cluster;

import io.annals.cluster.directory.Directory;
import io.annals.cluster.directory.Holding;
import io.annals.cluster.directory.MemberCard;
import io.annals.cluster.tip.TipState;
import io.annals.store.BlockRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The cluster as this host sees it, for {@code /health}, {@code /metrics} and the progress line:
 * the members (state, reachability, ranges owned, blocks held), each range's owner and progress,
 * the handoffs in flight, and the tip.
 *
 * @param handoffs ranges whose owner does not hold all of its part yet while another host holds
 *     blocks of it (a range moving) or holds none and only a host that is gone did (a range lost)
 */
public record ClusterStatus(
        String self,
        List<Member> members,
        List<Range> ranges,
        int handoffs,
        Optional<TipState> tip,
        OptionalLong head) {

    /** One member. */
    public record Member(
            String member,
            String address,
            String state,
            boolean reachable,
            int rangesOwned,
            long blocksHeld) {}

    /**
     * One range: who owns it, and how much of its part (the blocks up to the sealed one) the owner
     * holds.
     */
    public record Range(
            long range,
            long first,
            long last,
            String owner,
            long held,
            long wanted,
            boolean moving) {

        public boolean complete() {
            return held >= wanted;
        }
    }

    private static long blocksUpTo(Holding holding, long top) {
        return holding.runs().stream()
                .filter(run -> run.first() <= top)
                .mapToLong(run -> Math.min(run.last(), top) - run.first() + 1)
                .sum();
    }

    public int unreachable() {
        return (int) members.stream().filter(m -> !m.reachable()).count();
    }

    /**
     * @param states the membership state of each cluster address (up, leaving, ...)
     * @param reachable whether each address is reachable from here
     */
    static ClusterStatus of(
            Directory directory, Map<String, String> states, Map<String, Boolean> reachable) {
        List<Range> ranges = new ArrayList<>();
        long sealed = directory.tip().map(TipState::sealedThrough).orElse(-1L);
        List<Long> indices = new ArrayList<>(directory.holdings().keySet());
        indices.sort(Comparator.naturalOrder());
        int handoffs = 0;
        for (long index : indices) {
            BlockRange bounds = directory.ranges().bounds(index);
            // the owner's part: up to the sealed block (the tip host holds the window above it)
            long top = Math.min(bounds.last(), sealed);
            long wanted = Math.max(0, top - bounds.first() + 1);
            List<Holding> held = directory.holdingsOf(index);
            Optional<String> owner = directory.ownerOf(index);
            long ownerBlocks =
                    owner.map(
                                    o ->
                                            held.stream()
                                                    .filter(h -> h.member().equals(o))
                                                    .mapToLong(h -> blocksUpTo(h, top))
                                                    .sum())
                            .orElse(0L);
            boolean others =
                    held.stream()
                            .filter(h -> owner.map(o -> !h.member().equals(o)).orElse(true))
                            .anyMatch(h -> blocksUpTo(h, top) > 0);
            boolean moving = ownerBlocks < wanted && others;
            if (moving) {
                handoffs++;
            }
            ranges.add(
                    new Range(
                            index,
                            bounds.first(),
                            bounds.last(),
                            owner.orElse("-"),
                            ownerBlocks,
                            wanted,
                            moving));
        }
        List<Member> members = new ArrayList<>();
        for (MemberCard card : directory.members().values()) {
            String state = states.getOrDefault(card.address(), "gone");
            if (state.equals("gone") && !card.member().equals(directory.self())) {
                continue; // a card of an earlier incarnation, or a host that left
            }
            long owned =
                    ranges.stream().filter(range -> range.owner().equals(card.member())).count();
            long blocks =
                    directory.holdings().values().stream()
                            .flatMap(List::stream)
                            .filter(h -> h.member().equals(card.member()))
                            .mapToLong(Holding::blocks)
                            .sum();
            members.add(
                    new Member(
                            card.member(),
                            card.address(),
                            state,
                            reachable.getOrDefault(card.address(), true),
                            (int) owned,
                            blocks));
        }
        members.sort(Comparator.comparing(Member::address));
        return new ClusterStatus(
                directory.self(), members, ranges, handoffs, directory.tip(), directory.head());
    }
}
