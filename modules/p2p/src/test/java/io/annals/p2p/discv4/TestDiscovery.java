package io.annals.p2p.discv4;

import com.typesafe.config.ConfigFactory;
import io.annals.core.chain.ForkId;
import io.annals.p2p.Nat;
import io.annals.p2p.discovery.DiscoveredNode;
import io.annals.p2p.discovery.NodeSink;
import io.annals.p2p.enr.LocalNodeRecord;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.netty.DiscoveryServer;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Discovery nodes on 127.0.0.1 for tests, with what their sinks were offered. */
public final class TestDiscovery {
    private static final java.util.concurrent.atomic.AtomicInteger TCP_PORTS =
            new java.util.concurrent.atomic.AtomicInteger(new java.util.Random().nextInt(40_000));

    private TestDiscovery() {}

    /**
     * The defaults with short timeouts, on 127.0.0.1; every node shares that one source address, so
     * the per-IP rate limit is raised.
     */
    public static Discv4Settings settings() {
        return settings("rate-limit { packets-per-second = 5000, burst = 5000 }");
    }

    /** The defaults with short timeouts and these {@code annals.p2p.discovery} overrides. */
    public static Discv4Settings settings(String discoveryOverrides) {
        return Discv4Settings.fromConfig(
                ConfigFactory.parseString(
                                "annals.p2p.listen-host = \"127.0.0.1\"\n"
                                        + "annals.p2p.discovery.request-timeout = 500ms\n"
                                        + "annals.p2p.discovery.revalidate-interval = 2s\n"
                                        + "annals.p2p.discovery { "
                                        + discoveryOverrides
                                        + " }")
                        .withFallback(ConfigFactory.defaultReference())
                        .resolve());
    }

    /** A running node and the nodes offered to its sink, by public key. */
    public record Node(DiscoveryServer server, NodeKey key, Map<String, DiscoveredNode> offered)
            implements AutoCloseable {
        public Enode enode() {
            int port = server.localAddress().getPort();
            return new Enode(key.nodeId(), "127.0.0.1", port, port);
        }

        public Discv4 discv4() {
            return server.discv4();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    public static Node start(
            Discv4Settings settings, List<Enode> bootnodes, Optional<ForkId> forkId) {
        return start(
                settings, bootnodes, forkId, NodeKey.generate(new java.security.SecureRandom()));
    }

    public static Node start(
            Discv4Settings settings, List<Enode> bootnodes, Optional<ForkId> forkId, NodeKey key) {
        Map<String, DiscoveredNode> offered = new ConcurrentHashMap<>();
        NodeSink sink = (node, source) -> offered.put(node.publicKeyHex(), node);
        LocalNode local =
                new LocalNode(
                        LocalNodeRecord.inMemory(key),
                        new Nat.None(),
                        InetAddress.getLoopbackAddress(),
                        // distinct per node: ethereumjs keys its table by address and TCP port too
                        20_000 + TCP_PORTS.getAndIncrement() % 40_000,
                        () -> forkId);
        DiscoveryServer server = DiscoveryServer.start(key, settings, 0, local, sink, bootnodes);
        return new Node(server, key, offered);
    }
}
