package io.annals.p2p.discv4;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.chain.ForkId;
import io.annals.core.crypto.Keccak256;
import io.annals.core.types.Hash;
import io.annals.p2p.discovery.DiscoveredNode;
import io.annals.p2p.discovery.KademliaTable;
import io.annals.p2p.enr.Enr;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.testing.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** discv4 nodes on 127.0.0.1 over real UDP: bonding, lookups, ENR requests. */
class Discv4LoopbackTest {
    private final List<TestDiscovery.Node> nodes = new ArrayList<>();

    @AfterEach
    void stop() {
        nodes.forEach(TestDiscovery.Node::close);
    }

    @Test
    void nodesBondWithTheBootnodeAndFindEachOtherByLookup() throws Exception {
        Discv4Settings settings = TestDiscovery.settings();
        ForkId forkId = new ForkId(0x12345678, 0);
        TestDiscovery.Node boot = TestDiscovery.start(settings, List.of(), Optional.of(forkId));
        nodes.add(boot);
        for (int i = 0; i < 5; i++) {
            nodes.add(TestDiscovery.start(settings, List.of(boot.enode()), Optional.of(forkId)));
        }
        Await.until(
                "the bootnode to know every node",
                Duration.ofSeconds(30),
                () -> boot.discv4().stats().tableSize() == 5,
                () -> boot.discv4().stats().toString());

        TestDiscovery.Node last = nodes.get(5);
        List<DiscoveredNode> found = last.discv4().lookupRandom().get(30, TimeUnit.SECONDS);

        // every other node answered the lookup's queries (or was already known and verified)
        Await.until(
                "the last node to hold every other node",
                Duration.ofSeconds(30),
                () -> last.discv4().stats().tableSize() == 5,
                () -> last.discv4().stats().toString());
        assertThat(found).isNotEmpty();
        List<String> expected =
                nodes.subList(0, 5).stream().map(n -> n.enode().nodeIdHex()).sorted().toList();
        assertThat(last.discv4().nodes().get().stream().map(DiscoveredNode::publicKeyHex).sorted())
                .containsExactlyElementsOf(expected);
        // what the sink got: the verified nodes, with their records (ENRRequest after the Pong)
        Await.until(
                "records of every node",
                Duration.ofSeconds(30),
                () ->
                        last.offered().values().stream().filter(n -> n.enr().isPresent()).count()
                                == 5);
        Enr record = last.offered().get(boot.enode().nodeIdHex()).enr().orElseThrow();
        assertThat(record.eth()).contains(forkId);
        assertThat(record.udp()).hasValue(boot.enode().discoveryPort());
        assertThat(record.tcp()).isPresent();
        assertThat(Keccak256.hashOf(record.publicKey()))
                .isEqualTo(Keccak256.hashOf(boot.key().nodeId()));
        assertThat(last.discv4().stats().malformed()).isZero();
    }

    @Test
    void anEnrRequestReturnsTheCurrentRecord() throws Exception {
        Discv4Settings settings = TestDiscovery.settings();
        TestDiscovery.Node a = TestDiscovery.start(settings, List.of(), Optional.empty());
        nodes.add(a);
        TestDiscovery.Node b = TestDiscovery.start(settings, List.of(a.enode()), Optional.empty());
        nodes.add(b);
        Await.until("a bond", Duration.ofSeconds(30), () -> a.discv4().stats().tableSize() == 1);
        DiscoveredNode bAsSeen = a.discv4().nodes().get().get(0);

        Enr record = a.discv4().requestEnr(bAsSeen).get(10, TimeUnit.SECONDS);

        assertThat(record.publicKey()).isEqualTo(b.key().nodeId());
        assertThat(record.eth()).isEmpty();
        assertThat(record.seq()).isEqualTo(1);
    }

    @Test
    void aLiveNodeWhoseBucketIsFullStillReachesTheDialer() throws Exception {
        Discv4Settings settings = TestDiscovery.settings();
        TestDiscovery.Node hub = TestDiscovery.start(settings, List.of(), Optional.empty());
        nodes.add(hub);
        Hash hubId = Keccak256.hashOf(hub.key().nodeId());
        int crowd = KademliaTable.BUCKET_SIZE + 4;
        java.security.SecureRandom random = new java.security.SecureRandom();
        while (nodes.size() <= crowd) {
            // half of all ids lie at the farthest distance: one bucket, with room for 16
            NodeKey key = NodeKey.generate(random);
            if (KademliaTable.logDistance(hubId, Keccak256.hashOf(key.nodeId())) == 256) {
                nodes.add(
                        TestDiscovery.start(settings, List.of(hub.enode()), Optional.empty(), key));
            }
        }

        Await.until(
                "every node of the crowd offered to the hub's dialer",
                Duration.ofSeconds(30),
                () -> hub.offered().size() == crowd,
                () -> hub.offered().size() + " offered, " + hub.discv4().stats());
        assertThat(hub.discv4().stats().tableSize())
                .as("the bucket keeps 16; the others wait among its replacements")
                .isEqualTo(KademliaTable.BUCKET_SIZE);
    }
}
