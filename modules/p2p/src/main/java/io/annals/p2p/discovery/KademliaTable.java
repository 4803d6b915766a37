package io.annals.p2p.discovery;

import io.annals.core.types.Hash;
import java.net.InetAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The Kademlia routing table of discv4.md: for each log distance {@code 1..256} from the local id a
 * bucket of up to {@link #BUCKET_SIZE} nodes ordered by time last seen (least recently seen at the
 * head), each with a short replacement list. A new node joins a full bucket only after the bucket's
 * head failed a revalidation ping. As in go-ethereum (p2p/discover/table.go), a bucket takes at
 * most {@code bucketIpLimit} nodes of one /24 (IPv4) or /64 (IPv6) network and the table {@code
 * tableIpLimit}; loopback and private addresses are exempt so local networks work.
 *
 * <p>Plain and single-threaded: the owner calls it from one thread and passes the time in.
 */
public final class KademliaTable implements NodeTable {
    public static final int BUCKET_SIZE = 16;
    public static final int BUCKETS = 256;
    public static final int REPLACEMENTS = 10;

    private record Slot(DiscoveredNode node, long lastSeen) {}

    private final Hash self;
    private final int bucketIpLimit;
    private final int tableIpLimit;
    private final List<Deque<Slot>> buckets = new ArrayList<>(BUCKETS);
    private final List<Deque<DiscoveredNode>> replacements = new ArrayList<>(BUCKETS);
    private final Map<Hash, Integer> bucketOf = new HashMap<>();
    private final Map<String, Integer> tableNetworks = new HashMap<>();

    public KademliaTable(Hash self, int bucketIpLimit, int tableIpLimit) {
        this.self = self;
        this.bucketIpLimit = bucketIpLimit;
        this.tableIpLimit = tableIpLimit;
        for (int i = 0; i < BUCKETS; i++) {
            buckets.add(new ArrayDeque<>());
            replacements.add(new ArrayDeque<>());
        }
    }

    /** go-ethereum's limits: 2 per bucket, 10 per table. */
    public static KademliaTable withDefaultLimits(Hash self) {
        return new KademliaTable(self, 2, 10);
    }

    /** {@code 256 - leading zero bits of (a XOR b)}: 0 for equal ids. */
    public static int logDistance(Hash a, Hash b) {
        byte[] x = a.unsafeArray();
        byte[] y = b.unsafeArray();
        for (int i = 0; i < Hash.SIZE; i++) {
            int diff = (x[i] ^ y[i]) & 0xff;
            if (diff != 0) {
                return (Hash.SIZE - i) * 8 - (Integer.numberOfLeadingZeros(diff) - 24);
            }
        }
        return 0;
    }

    /** Compares ids by XOR distance to a target. */
    public static Comparator<Hash> byDistanceTo(Hash target) {
        byte[] t = target.unsafeArray();
        return (a, b) -> {
            byte[] x = a.unsafeArray();
            byte[] y = b.unsafeArray();
            for (int i = 0; i < Hash.SIZE; i++) {
                int dx = (x[i] ^ t[i]) & 0xff;
                int dy = (y[i] ^ t[i]) & 0xff;
                if (dx != dy) {
                    return Integer.compare(dx, dy);
                }
            }
            return 0;
        };
    }

    @Override
    public Added seen(DiscoveredNode node, long nowMillis) {
        int distance = logDistance(self, node.id());
        if (distance == 0) {
            return new Added.Refused("the local node");
        }
        Deque<Slot> bucket = buckets.get(distance - 1);
        Integer at = bucketOf.get(node.id());
        if (at != null) {
            Slot old = remove(bucket, node.id());
            releaseNetwork(old.node());
            if (!admitNetwork(bucket, node)) {
                bucketOf.remove(node.id());
                return new Added.Refused("too many nodes of " + network(node.endpoint().ip()));
            }
            bucket.addLast(new Slot(node, nowMillis));
            return new Added.Updated();
        }
        if (bucket.size() < BUCKET_SIZE) {
            if (!admitNetwork(bucket, node)) {
                return new Added.Refused("too many nodes of " + network(node.endpoint().ip()));
            }
            bucket.addLast(new Slot(node, nowMillis));
            bucketOf.put(node.id(), distance - 1);
            return new Added.Inserted();
        }
        Deque<DiscoveredNode> spare = replacements.get(distance - 1);
        spare.removeIf(n -> n.id().equals(node.id()));
        spare.addLast(node);
        while (spare.size() > REPLACEMENTS) {
            spare.removeFirst();
        }
        return new Added.BucketFull(bucket.peekFirst().node());
    }

    @Override
    public void revalidated(Hash id, long nowMillis) {
        Integer at = bucketOf.get(id);
        if (at != null) {
            Deque<Slot> bucket = buckets.get(at);
            Slot slot = remove(bucket, id);
            bucket.addLast(new Slot(slot.node(), nowMillis));
        }
    }

    @Override
    public void failed(Hash id) {
        Integer at = bucketOf.remove(id);
        if (at == null) {
            return;
        }
        Deque<Slot> bucket = buckets.get(at);
        releaseNetwork(remove(bucket, id).node());
        Deque<DiscoveredNode> spare = replacements.get(at);
        while (!spare.isEmpty()) {
            DiscoveredNode next = spare.removeLast();
            if (admitNetwork(bucket, next)) {
                bucket.addLast(new Slot(next, 0));
                bucketOf.put(next.id(), at);
                return;
            }
        }
    }

    /**
     * The node to revalidate next: the least recently seen node of a random non-empty bucket, if it
     * was last seen before {@code seenBefore}.
     */
    public Optional<DiscoveredNode> revalidationCandidate(long seenBefore, RandomGenerator random) {
        List<Deque<Slot>> filled = buckets.stream().filter(b -> !b.isEmpty()).toList();
        if (filled.isEmpty()) {
            return Optional.empty();
        }
        Slot head = filled.get(random.nextInt(filled.size())).peekFirst();
        return head.lastSeen() < seenBefore ? Optional.of(head.node()) : Optional.empty();
    }

    @Override
    public Optional<DiscoveredNode> get(Hash id) {
        Integer at = bucketOf.get(id);
        if (at == null) {
            return Optional.empty();
        }
        return buckets.get(at).stream()
                .filter(s -> s.node().id().equals(id))
                .map(Slot::node)
                .findFirst();
    }

    @Override
    public List<DiscoveredNode> closest(Hash target, int count) {
        Comparator<Hash> order = byDistanceTo(target);
        return nodes().stream()
                .sorted((a, b) -> order.compare(a.id(), b.id()))
                .limit(count)
                .toList();
    }

    @Override
    public List<DiscoveredNode> nodes() {
        List<DiscoveredNode> all = new ArrayList<>(bucketOf.size());
        for (Deque<Slot> bucket : buckets) {
            bucket.forEach(slot -> all.add(slot.node()));
        }
        return all;
    }

    @Override
    public int size() {
        return bucketOf.size();
    }

    /** Nodes waiting in replacement lists. */
    public int replacementCount() {
        return replacements.stream().mapToInt(Deque::size).sum();
    }

    private static Slot remove(Deque<Slot> bucket, Hash id) {
        for (Iterator<Slot> it = bucket.iterator(); it.hasNext(); ) {
            Slot slot = it.next();
            if (slot.node().id().equals(id)) {
                it.remove();
                return slot;
            }
        }
        throw new IllegalStateException("node not in its bucket");
    }

    private boolean admitNetwork(Deque<Slot> bucket, DiscoveredNode node) {
        InetAddress ip = node.endpoint().ip();
        if (isExempt(ip)) {
            return true;
        }
        String net = network(ip);
        long inBucket =
                bucket.stream().filter(s -> net.equals(network(s.node().endpoint().ip()))).count();
        if (inBucket >= bucketIpLimit || tableNetworks.getOrDefault(net, 0) >= tableIpLimit) {
            return false;
        }
        tableNetworks.merge(net, 1, Integer::sum);
        return true;
    }

    private void releaseNetwork(DiscoveredNode node) {
        InetAddress ip = node.endpoint().ip();
        if (!isExempt(ip)) {
            tableNetworks.computeIfPresent(network(ip), (k, v) -> v == 1 ? null : v - 1);
        }
    }

    private static boolean isExempt(InetAddress ip) {
        return ip.isLoopbackAddress() || ip.isSiteLocalAddress() || ip.isLinkLocalAddress();
    }

    /** The /24 of an IPv4 address, the /64 of an IPv6 one. */
    private static String network(InetAddress ip) {
        byte[] b = ip.getAddress();
        int prefix = b.length == 4 ? 3 : 8;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < prefix; i++) {
            out.append(b[i] & 0xff).append('.');
        }
        return out.toString();
    }
}
