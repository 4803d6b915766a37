package io.annals.p2p.peers;

import io.annals.p2p.discovery.DiscoveredNode;
import io.annals.p2p.discovery.NodeSink;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The nodes the manager may dial, with each node's dial history: when it may be dialled next
 * (exponential backoff after failed dials, a longer pause after an eviction), and whether it is
 * connected or being dialled now. Bounded: past {@code maxNodes} the least recently offered node
 * that is not connected goes first. Plain and single-threaded; time is passed in.
 */
final class KnownNodes {
    static final class Entry {
        DiscoveredNode node;
        NodeSink.Source source;
        int failures;
        long notBefore;
        boolean dialing;
        boolean connected;
        Optional<EvictionReason> evicted = Optional.empty();

        Entry(DiscoveredNode node, NodeSink.Source source) {
            this.node = node;
            this.source = source;
        }
    }

    private final int maxNodes;
    private final long backoffMin;
    private final long backoffMax;
    private final long evictionBackoff;
    private final Map<String, Entry> nodes = new LinkedHashMap<>(256, 0.75f, true);

    KnownNodes(
            int maxNodes,
            long backoffMinMillis,
            long backoffMaxMillis,
            long evictionBackoffMillis) {
        this.maxNodes = maxNodes;
        this.backoffMin = backoffMinMillis;
        this.backoffMax = backoffMaxMillis;
        this.evictionBackoff = evictionBackoffMillis;
    }

    /** A node some source found; a newer endpoint or record replaces the old one. */
    void offer(DiscoveredNode node, NodeSink.Source source) {
        Entry entry = nodes.get(node.publicKeyHex());
        if (entry == null) {
            nodes.put(node.publicKeyHex(), new Entry(node, source));
            trim();
        } else {
            boolean newerRecord =
                    node.enr().isPresent()
                            && (entry.node.enr().isEmpty()
                                    || Long.compareUnsigned(
                                                    node.enr().get().seq(),
                                                    entry.node.enr().get().seq())
                                            >= 0);
            if (newerRecord || entry.node.enr().isEmpty()) {
                entry.node =
                        node.enr().isPresent() || entry.node.enr().isEmpty()
                                ? node
                                : node.withEnr(entry.node.enr().get());
            }
        }
    }

    /**
     * Up to {@code limit} nodes to dial now: not connected, not being dialled, past their backoff,
     * dialable, and accepted by {@code filter}; nodes that never failed first, then by source (node
     * cache, DNS and bootnodes before discovery).
     */
    List<DiscoveredNode> dueForDial(long now, int limit, Predicate<DiscoveredNode> filter) {
        List<Entry> due = new ArrayList<>();
        for (Entry e : nodes.values()) {
            if (!e.connected
                    && !e.dialing
                    && e.notBefore <= now
                    && e.node.isDialable()
                    && filter.test(e.node)) {
                due.add(e);
            }
        }
        due.sort(
                Comparator.<Entry>comparingInt(e -> e.failures)
                        .thenComparingInt(e -> e.source.ordinal()));
        return due.stream().limit(limit).map(e -> e.node).toList();
    }

    void dialing(String id) {
        Entry e = nodes.get(id);
        if (e != null) {
            e.dialing = true;
        }
    }

    void dialFailed(String id, long now) {
        Entry e = nodes.get(id);
        if (e != null) {
            e.dialing = false;
            e.failures++;
            int shift = Math.min(e.failures - 1, 20);
            e.notBefore = now + Math.min(backoffMax, backoffMin << shift);
        }
    }

    /** A session with the node is up (dialled or inbound). */
    void connected(String id) {
        Entry e = nodes.get(id);
        if (e != null) {
            e.dialing = false;
            e.connected = true;
            e.failures = 0;
            e.evicted = Optional.empty();
        }
    }

    void disconnected(String id, long now) {
        Entry e = nodes.get(id);
        if (e != null) {
            e.connected = false;
            e.dialing = false;
            e.notBefore = Math.max(e.notBefore, now + backoffMin);
        }
    }

    void evicted(String id, EvictionReason reason, long now) {
        Entry e = nodes.get(id);
        if (e != null) {
            e.evicted = Optional.of(reason);
            e.notBefore = now + evictionBackoff;
        }
    }

    boolean isKnown(String id) {
        return nodes.containsKey(id);
    }

    int size() {
        return nodes.size();
    }

    int dialingCount() {
        return (int) nodes.values().stream().filter(e -> e.dialing).count();
    }

    Map<EvictionReason, Integer> evictedByReason() {
        Map<EvictionReason, Integer> out = new EnumMap<>(EvictionReason.class);
        nodes.values().forEach(e -> e.evicted.ifPresent(r -> out.merge(r, 1, Integer::sum)));
        return out;
    }

    /** The nodes worth keeping across a restart: connected first, then those that never failed. */
    List<DiscoveredNode> worthCaching(int limit) {
        return nodes.values().stream()
                .filter(e -> e.node.isDialable() && e.evicted.isEmpty())
                .sorted(
                        Comparator.<Entry, Boolean>comparing(e -> !e.connected)
                                .thenComparingInt(e -> e.failures))
                .limit(limit)
                .map(e -> e.node)
                .toList();
    }

    private void trim() {
        var it = nodes.values().iterator();
        while (nodes.size() > maxNodes && it.hasNext()) {
            Entry e = it.next();
            if (!e.connected && !e.dialing) {
                it.remove();
            }
        }
    }
}
