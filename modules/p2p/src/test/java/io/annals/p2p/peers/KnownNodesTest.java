package io.annals.p2p.peers;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.crypto.Secp256k1;
import io.annals.p2p.discovery.DiscoveredNode;
import io.annals.p2p.discovery.NodeSink;
import io.annals.p2p.discv4.Endpoint;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KnownNodesTest {
    static final SecureRandom RANDOM = new SecureRandom();

    static DiscoveredNode node(int tcp) throws Exception {
        return DiscoveredNode.of(
                Secp256k1.publicKeyOf(Secp256k1.generatePrivateKey(RANDOM)),
                new Endpoint(InetAddress.getLoopbackAddress(), 30303, tcp));
    }

    @Test
    void failedNodesBackOffExponentiallyAndAreTriedAfterFreshOnes() throws Exception {
        KnownNodes known = new KnownNodes(100, 1_000, 8_000, 60_000);
        DiscoveredNode a = node(1);
        DiscoveredNode b = node(2);
        known.offer(a, NodeSink.Source.DISCV4);
        known.offer(b, NodeSink.Source.DNS);

        assertThat(known.dueForDial(0, 10, n -> true)).containsExactly(b, a); // DNS before discv4
        known.dialing(a.publicKeyHex());
        assertThat(known.dueForDial(0, 10, n -> true)).containsExactly(b); // never dialled twice
        known.dialFailed(a.publicKeyHex(), 0);
        assertThat(known.dueForDial(999, 10, n -> true)).containsExactly(b);
        assertThat(known.dueForDial(1_000, 10, n -> true)).containsExactly(b, a);
        known.dialing(a.publicKeyHex());
        known.dialFailed(a.publicKeyHex(), 1_000);
        assertThat(known.dueForDial(2_999, 10, n -> true)).doesNotContain(a);
        assertThat(known.dueForDial(3_000, 10, n -> true)).contains(a);
        for (int i = 0; i < 10; i++) {
            known.dialing(a.publicKeyHex());
            known.dialFailed(a.publicKeyHex(), 0);
        }
        assertThat(known.dueForDial(8_000, 10, n -> true)).contains(a); // capped at max
    }

    @Test
    void connectedEvictedAndFilteredNodesAreNotDue() throws Exception {
        KnownNodes known = new KnownNodes(100, 1_000, 8_000, 60_000);
        DiscoveredNode a = node(1);
        DiscoveredNode b = node(2);
        DiscoveredNode undialable = node(0);
        known.offer(a, NodeSink.Source.DISCV4);
        known.offer(b, NodeSink.Source.DISCV4);
        known.offer(undialable, NodeSink.Source.DISCV4);
        known.connected(a.publicKeyHex());
        known.evicted(b.publicKeyHex(), EvictionReason.NO_HISTORY, 0);

        assertThat(known.dueForDial(0, 10, n -> true)).isEmpty();
        assertThat(known.evictedByReason()).containsEntry(EvictionReason.NO_HISTORY, 1);
        assertThat(known.dueForDial(60_000, 10, n -> !n.equals(b))).isEmpty();
        assertThat(known.dueForDial(60_000, 10, n -> true)).containsExactly(b);
        known.disconnected(a.publicKeyHex(), 0);
        assertThat(known.dueForDial(1_000, 10, n -> true)).containsExactly(a);
    }

    @Test
    void isBoundedAndTheCacheSurvivesARestart(@TempDir Path dir) throws Exception {
        KnownNodes known = new KnownNodes(3, 1_000, 8_000, 60_000);
        for (int i = 1; i <= 5; i++) {
            known.offer(node(i), NodeSink.Source.DISCV4);
        }
        assertThat(known.size()).isEqualTo(3);

        NodeCache cache = new NodeCache(dir);
        List<DiscoveredNode> kept = known.worthCaching(10);
        cache.save(kept);
        assertThat(new NodeCache(dir).load())
                .extracting(DiscoveredNode::enode)
                .containsExactlyElementsOf(kept.stream().map(DiscoveredNode::enode).toList());
    }
}
