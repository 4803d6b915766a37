package io.annals.p2p.discv4;

import io.annals.core.types.Hash;
import io.annals.p2p.discovery.DiscoveredNode;
import io.annals.p2p.discovery.KademliaTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One iterative lookup (discv4.md, "Recursive Lookup"): query the {@code alpha} closest nodes not
 * yet asked among the {@code k} closest seen, merge what they answer, and stop when the k closest
 * that did not fail have all answered. Nodes that fail are dropped from consideration. Plain: the
 * service asks {@link #next()} for whom to query and reports each answer or failure.
 */
final class Lookup {
    private final Hash target;
    private final Hash self;
    private final int alpha;
    private final int k;
    private final TreeMap<Hash, DiscoveredNode> candidates;
    private final Set<Hash> asked = new HashSet<>();
    private final Set<Hash> answered = new HashSet<>();
    private final Map<Hash, Boolean> failed = new HashMap<>();
    private int inFlight;

    Lookup(Hash target, Hash self, List<DiscoveredNode> seeds, int alpha, int k) {
        this.target = target;
        this.self = self;
        this.alpha = alpha;
        this.k = k;
        this.candidates = new TreeMap<>(KademliaTable.byDistanceTo(target));
        seeds.forEach(this::add);
    }

    Hash target() {
        return target;
    }

    /** The nodes to query now: at most alpha in flight at once. */
    List<DiscoveredNode> next() {
        List<DiscoveredNode> out = new ArrayList<>();
        int considered = 0;
        for (DiscoveredNode node : candidates.values()) {
            if (considered++ >= k || inFlight >= alpha) {
                break;
            }
            if (asked.add(node.id())) {
                inFlight++;
                out.add(node);
            }
        }
        return out;
    }

    void answered(DiscoveredNode from, List<DiscoveredNode> found) {
        inFlight--;
        answered.add(from.id());
        found.forEach(this::add);
    }

    void failed(DiscoveredNode from) {
        inFlight--;
        failed.put(from.id(), true);
        candidates.remove(from.id());
    }

    /** No query in flight and none left to send among the k closest. */
    boolean isDone() {
        if (inFlight > 0) {
            return false;
        }
        int considered = 0;
        for (Hash id : candidates.keySet()) {
            if (considered++ >= k) {
                break;
            }
            if (!asked.contains(id)) {
                return false;
            }
        }
        return true;
    }

    /** The k closest nodes that answered, nearest first. */
    List<DiscoveredNode> result() {
        return candidates.values().stream()
                .filter(n -> answered.contains(n.id()))
                .limit(k)
                .toList();
    }

    /** Every node seen that did not fail, nearest first. */
    List<DiscoveredNode> seen() {
        return List.copyOf(candidates.values());
    }

    private void add(DiscoveredNode node) {
        if (!node.id().equals(self) && !failed.containsKey(node.id())) {
            candidates.putIfAbsent(node.id(), node);
        }
    }
}
