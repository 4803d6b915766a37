package io.annals.p2p.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.Hash;
import io.annals.p2p.enr.Enr;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Nodes reach the peer manager with their record, or not at all. */
class RecordFirstTest {

    private static final byte[] KEY =
            HexFormat.of()
                    .parseHex("b71c71a67e1177ad4e901695e1b4b9ee17ae16c6668d313eac2f96dbcda3f291");

    private final List<DiscoveredNode> handedOn = new ArrayList<>();
    private final List<DiscoveredNode> asked = new ArrayList<>();
    private final List<CompletableFuture<Enr>> answers = new ArrayList<>();
    private final RecordFirst sink =
            new RecordFirst(
                    (node, source) -> handedOn.add(node),
                    node -> {
                        asked.add(node);
                        CompletableFuture<Enr> answer = new CompletableFuture<>();
                        answers.add(answer);
                        return answer;
                    });

    @Test
    void aNodeWithoutItsRecordIsAskedForItAndHandedOnWithIt() throws Exception {
        DiscoveredNode node = KademliaTableTest.node(Hash.wrap(new byte[32]), "127.0.0.2");
        sink.offer(node, NodeSink.Source.DISCV4);
        sink.offer(node, NodeSink.Source.DISCV4);
        assertThat(asked).as("asked once at a time").hasSize(1);
        assertThat(handedOn).isEmpty();
        Enr record = Enr.builder().ip(InetAddress.getByName("127.0.0.2")).tcp(30303).sign(KEY);
        answers.get(0).complete(record);
        assertThat(handedOn).hasSize(1);
        assertThat(handedOn.get(0).enr()).contains(record);
    }

    @Test
    void aNodeThatNeverAnswersIsNeverHandedOn() throws Exception {
        sink.offer(
                KademliaTableTest.node(Hash.wrap(new byte[32]), "127.0.0.3"),
                NodeSink.Source.BOOTNODE);
        answers.get(0).completeExceptionally(new IllegalStateException("no answer"));
        assertThat(handedOn).isEmpty();
    }

    @Test
    void nodesWithARecordAndCachedNodesPassAtOnce() throws Exception {
        DiscoveredNode cached = KademliaTableTest.node(Hash.wrap(new byte[32]), "127.0.0.4");
        sink.offer(cached, NodeSink.Source.NODE_CACHE);
        Enr record = Enr.builder().ip(InetAddress.getByName("127.0.0.5")).tcp(30303).sign(KEY);
        sink.offer(cached.withEnr(record), NodeSink.Source.DISCV4);
        assertThat(handedOn).hasSize(2);
        assertThat(asked).isEmpty();
    }
}
