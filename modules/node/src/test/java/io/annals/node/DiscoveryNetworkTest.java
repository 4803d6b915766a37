package io.annals.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.chain.ForkId;
import io.annals.devnet.Devnet;
import io.annals.devnet.DevnetSettings;
import io.annals.node.service.AnnalsNode;
import io.annals.p2p.Nat;
import io.annals.p2p.discovery.DiscoveredNode;
import io.annals.p2p.discovery.NodeSink;
import io.annals.p2p.discv4.Discv4Settings;
import io.annals.p2p.discv4.LocalNode;
import io.annals.p2p.enr.LocalNodeRecord;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.netty.DiscoveryServer;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A loopback network of 31 discv4 nodes: 6 devnet peers serving history, 16 bare discovery nodes
 * (not dialable), 6 nodes whose records carry a wrong fork id and whose TCP ports accept
 * connections, 3 that joined and vanished (they never answer), and 2 sockets that send garbage. A
 * node given only peer 0 as its bootnode fills its table, connects only to the compatible,
 * history-serving devnet peers, and syncs.
 */
class DiscoveryNetworkTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long HEAD = 300;

    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private static Discv4Settings discoverySettings(DevnetSettings devnet) {
        return devnet.discovery().discv4();
    }

    private DiscoveryServer bare(
            Discv4Settings settings, Enode bootnode, int tcpPort, Optional<ForkId> forkId) {
        NodeKey key = NodeKey.generate(RANDOM);
        LocalNode local =
                new LocalNode(
                        LocalNodeRecord.inMemory(key),
                        new Nat.None(),
                        InetAddress.getLoopbackAddress(),
                        tcpPort,
                        () -> forkId);
        DiscoveryServer server =
                DiscoveryServer.start(key, settings, 0, local, NodeSink.NONE, List.of(bootnode));
        running.add(server);
        return server;
    }

    @Test
    void aNodeStartingFromOneBootnodeFindsAndSyncsFromTheCompatiblePeersOnly(@TempDir Path dir)
            throws Exception {
        DevnetSettings settings =
                TestNetwork.devnet(
                        6,
                        HEAD,
                        TestNetwork.SMALL_SHAPE + ", discovery.enabled = true" + ", seed = 13");
        Devnet devnet = Devnet.create(settings);
        running.add(devnet);
        devnet.start();
        Enode bootnode = devnet.bootnode().orElseThrow();
        Discv4Settings discv4 = discoverySettings(settings);
        ForkId ours = devnet.peers().get(0).eth().forkId();

        for (int i = 0; i < 16; i++) {
            bare(discv4, bootnode, 0, Optional.of(ours));
        }
        List<ServerSocket> wrongForkListeners = new ArrayList<>();
        AtomicInteger wrongForkConnections = new AtomicInteger();
        Set<String> wrongFork = new java.util.HashSet<>();
        for (int i = 0; i < 6; i++) {
            ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            running.add(listener);
            wrongForkListeners.add(listener);
            Thread accept =
                    new Thread(
                            () -> {
                                try {
                                    while (true) {
                                        listener.accept().close();
                                        wrongForkConnections.incrementAndGet();
                                    }
                                } catch (Exception closed) {
                                    // the test is over
                                }
                            });
            accept.setDaemon(true);
            accept.start();
            DiscoveryServer server =
                    bare(
                            discv4,
                            bootnode,
                            listener.getLocalPort(),
                            Optional.of(new ForkId(0xdeadbeef, 0)));
            wrongFork.add(
                    java.util.HexFormat.of()
                            .formatHex(server.discv4().localNode().record().publicKey()));
        }
        List<DiscoveryServer> vanishing = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            vanishing.add(bare(discv4, bootnode, 0, Optional.of(ours)));
        }
        Set<String> vanished =
                vanishing.stream()
                        .map(
                                s ->
                                        java.util.HexFormat.of()
                                                .formatHex(
                                                        s.discv4()
                                                                .localNode()
                                                                .record()
                                                                .publicKey()))
                        .collect(Collectors.toSet());
        // peer 0 (the bootnode) knows the network, then three of its nodes go away. Not all 30
        // others need fit its table: the keys are random, and about half of them fall in its
        // farthest bucket, which holds 16 (the rest wait in the replacement list)
        TestWaits.until(
                "the bootnode to know the network",
                Duration.ofSeconds(60),
                () -> devnet.discovery().orElseThrow().tableSize(0) >= 24);
        vanishing.forEach(DiscoveryServer::close);

        Path data = dir.resolve("node");
        AnnalsNode node =
                TestNetwork.startNode(
                        TestNetwork.nodeConfig(
                                devnet,
                                data,
                                "annals.p2p.static-peers = []\n"
                                        + "annals.p2p.max-peers = 20\n"
                                        + "annals.p2p.discovery.bootnodes = [\""
                                        + bootnode
                                        + "\"]\n"
                                        + "annals.p2p.discovery.rate-limit { packets-per-second = 5000, burst = 5000 }\n"
                                        + "annals.p2p.discovery.request-timeout = 500ms\n"
                                        + "annals.p2p.discovery.dns.enabled = false"));
        running.add(node);
        // two garbage senders at the node's discovery port
        int udp = node.enode().discoveryPort();
        for (int g = 0; g < 2; g++) {
            try (DatagramSocket garbage = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                for (int i = 0; i < 20; i++) {
                    byte[] junk = new byte[50 + RANDOM.nextInt(300)];
                    RANDOM.nextBytes(junk);
                    garbage.send(
                            new DatagramPacket(
                                    junk, junk.length, InetAddress.getLoopbackAddress(), udp));
                }
            }
        }

        TestNetwork.await(
                node,
                Duration.ofSeconds(120),
                stats -> TestNetwork.head(stats) >= HEAD,
                "synced to the devnet head");
        TestWaits.until(
                "the node's table to fill",
                Duration.ofSeconds(60),
                () -> node.discoveryStats().orElseThrow().tableSize() >= 20);
        TestWaits.until(
                "sessions with every devnet peer",
                Duration.ofSeconds(60),
                () -> node.peerStats().outbound() == 6);

        List<DiscoveredNode> table = node.discoveredNodes();
        Set<String> inTable =
                table.stream().map(DiscoveredNode::publicKeyHex).collect(Collectors.toSet());
        assertThat(inTable)
                .as("vanished nodes never answered")
                .doesNotContainAnyElementsOf(vanished);
        assertThat(inTable).as("wrong-fork nodes are discovered").containsAnyElementsOf(wrongFork);
        assertThat(
                        node.peerStats().byEthVersion().values().stream()
                                .mapToInt(Integer::intValue)
                                .sum())
                .isEqualTo(6);
        assertThat(wrongForkConnections.get())
                .as("nodes of another fork are never dialled")
                .isZero();
        assertThat(node.discoveryStats().orElseThrow().malformed()).isGreaterThanOrEqualTo(40);
    }

    /** Polls a condition on real sockets until a generous deadline. */
    static final class TestWaits {
        static void until(String what, Duration limit, java.util.function.BooleanSupplier condition)
                throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("timed out waiting for " + what);
                }
                Thread.sleep(50);
            }
        }
    }
}
