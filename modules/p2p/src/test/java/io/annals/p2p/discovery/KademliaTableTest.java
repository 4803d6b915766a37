package io.annals.p2p.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.Hash;
import io.annals.p2p.discv4.Endpoint;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KademliaTableTest {
    static final Hash SELF = Hash.wrap(new byte[32]);

    /** An id at log distance 256 from SELF (top bit set), numbered in its low bytes. */
    static Hash far(int n) {
        byte[] id = new byte[32];
        id[0] = (byte) 0x80;
        id[30] = (byte) (n >> 8);
        id[31] = (byte) n;
        return Hash.wrap(id);
    }

    static DiscoveredNode node(Hash id, String ip) throws Exception {
        byte[] key = new byte[64];
        System.arraycopy(id.unsafeArray(), 0, key, 0, 32);
        return new DiscoveredNode(
                key, id, new Endpoint(InetAddress.getByName(ip), 30303, 30303), Optional.empty());
    }

    @Test
    void logDistanceCountsFromTheFirstDifferingBit() {
        assertThat(KademliaTable.logDistance(SELF, SELF)).isZero();
        assertThat(KademliaTable.logDistance(SELF, far(1))).isEqualTo(256);
        byte[] low = new byte[32];
        low[31] = 1;
        assertThat(KademliaTable.logDistance(SELF, Hash.wrap(low))).isEqualTo(1);
        low[31] = 0x10;
        assertThat(KademliaTable.logDistance(SELF, Hash.wrap(low))).isEqualTo(5);
    }

    @Test
    void aFullBucketKeepsItsNodesUntilTheHeadFailsRevalidation() throws Exception {
        KademliaTable table = KademliaTable.withDefaultLimits(SELF);
        for (int i = 0; i < 16; i++) {
            assertThat(table.seen(node(far(i), "127.0.0.1"), i))
                    .isInstanceOf(NodeTable.Added.Inserted.class);
        }
        NodeTable.Added full = table.seen(node(far(99), "127.0.0.1"), 100);

        assertThat(full).isInstanceOf(NodeTable.Added.BucketFull.class);
        assertThat(((NodeTable.Added.BucketFull) full).leastRecentlySeen().id()).isEqualTo(far(0));
        assertThat(table.get(far(99))).isEmpty();
        assertThat(table.replacementCount()).isEqualTo(1);

        // the head answered: it moves to the tail, the next head is node 1
        table.revalidated(far(0), 200);
        assertThat(table.revalidationCandidate(150, new Random(1)).orElseThrow().id())
                .isEqualTo(far(1));
        // node 1 fails: the replacement takes its place
        table.failed(far(1));
        assertThat(table.get(far(1))).isEmpty();
        assertThat(table.get(far(99))).isPresent();
        assertThat(table.size()).isEqualTo(16);
        assertThat(table.replacementCount()).isZero();
    }

    @Test
    void seenAgainRefreshesTheEndpointAndMovesToTheTail() throws Exception {
        KademliaTable table = KademliaTable.withDefaultLimits(SELF);
        table.seen(node(far(1), "127.0.0.1"), 1);
        table.seen(node(far(2), "127.0.0.1"), 2);
        DiscoveredNode moved = node(far(1), "127.0.0.2");

        assertThat(table.seen(moved, 3)).isInstanceOf(NodeTable.Added.Updated.class);
        assertThat(table.get(far(1))).contains(moved);
        assertThat(table.nodes()).extracting(DiscoveredNode::id).containsExactly(far(2), far(1));
        assertThat(table.seen(node(SELF, "127.0.0.1"), 4))
                .isInstanceOf(NodeTable.Added.Refused.class);
    }

    @Test
    void closestIsOrderedByXorDistance() throws Exception {
        KademliaTable table = KademliaTable.withDefaultLimits(SELF);
        Random random = new Random(7);
        List<Hash> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            byte[] id = new byte[32];
            random.nextBytes(id);
            ids.add(Hash.wrap(id));
            table.seen(node(Hash.wrap(id), "10.0.0." + (i % 250)), i);
        }
        byte[] t = new byte[32];
        random.nextBytes(t);
        Hash target = Hash.wrap(t);
        List<Hash> expected =
                table.nodes().stream()
                        .map(DiscoveredNode::id)
                        .sorted(KademliaTable.byDistanceTo(target))
                        .limit(16)
                        .toList();

        assertThat(table.closest(target, 16)).extracting(DiscoveredNode::id).isEqualTo(expected);
        assertThat(table.size()).isLessThanOrEqualTo(256 * 16);
    }

    @Test
    void onePublicNetworkCannotFillABucketOrTheTable() throws Exception {
        KademliaTable table = KademliaTable.withDefaultLimits(SELF);
        int inserted = 0;
        for (int i = 0; i < 16; i++) {
            if (table.seen(node(far(i), "203.0.113." + (i + 1)), i)
                    instanceof NodeTable.Added.Inserted) {
                inserted++;
            }
        }
        assertThat(inserted).isEqualTo(2); // bucketIpLimit for one /24

        Random random = new Random(3);
        for (int i = 0; i < 100; i++) {
            byte[] id = new byte[32];
            random.nextBytes(id);
            table.seen(node(Hash.wrap(id), "198.51.100." + (i + 1)), i);
        }
        long fromOneNet =
                table.nodes().stream()
                        .filter(n -> n.endpoint().ip().getHostAddress().startsWith("198.51.100."))
                        .count();
        assertThat(fromOneNet).isEqualTo(10); // tableIpLimit
        // a failed node frees its network's share
        DiscoveredNode one =
                table.nodes().stream()
                        .filter(n -> n.endpoint().ip().getHostAddress().startsWith("203.0.113."))
                        .findFirst()
                        .orElseThrow();
        table.failed(one.id());
        assertThat(table.seen(node(far(50), "203.0.113.77"), 500))
                .isInstanceOf(NodeTable.Added.Inserted.class);
    }
}
