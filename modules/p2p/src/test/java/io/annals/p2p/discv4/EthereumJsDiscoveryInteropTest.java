package io.annals.p2p.discv4;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.crypto.Secp256k1;
import io.annals.core.util.Hex;
import io.annals.p2p.discovery.DiscoveredNode;
import io.annals.p2p.dns.DnsTree;
import io.annals.p2p.dns.EnrTreeUrl;
import io.annals.p2p.enr.Enr;
import io.annals.p2p.netty.TxtServer;
import io.annals.p2p.testing.Await;
import io.annals.p2p.testing.JsPeer;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Interop with an independent implementation on 127.0.0.1: @ethereumjs/devp2p 10.0.0's DPT (discv4)
 * nodes and its DNS client (src/test/js/discovery.mjs).
 */
class EthereumJsDiscoveryInteropTest {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final List<AutoCloseable> running = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    private record Js(JsPeer process, String id, int port) {}

    private Js js() throws Exception {
        byte[] key = Secp256k1.generatePrivateKey(RANDOM);
        JsPeer peer = JsPeer.startScript("discovery.mjs", Hex.encode(key), Map.of());
        running.add(peer);
        JsPeer.Event listening = peer.await("listening");
        assertThat(listening.get("id")).isEqualTo(Hex.encode(Secp256k1.publicKeyOf(key)));
        return new Js(peer, listening.get("id"), Integer.parseInt(listening.get("port")));
    }

    private TestDiscovery.Node java(List<io.annals.p2p.identity.Enode> bootnodes) {
        TestDiscovery.Node node =
                TestDiscovery.start(TestDiscovery.settings(), bootnodes, Optional.empty());
        running.add(node);
        return node;
    }

    private static List<String> peersOf(Js js) throws Exception {
        js.process().command("peers");
        String ids = js.process().await("peers").fields().getOrDefault("ids", "");
        return ids.isEmpty() ? List.of() : Arrays.asList(ids.split(","));
    }

    @Test
    void bondsFindsAndIsFoundByEthereumJsNodes() throws Exception {
        TestDiscovery.Node first = java(List.of());
        TestDiscovery.Node second = java(List.of(first.enode()));
        Await.until(
                "the two Java nodes to bond",
                Duration.ofSeconds(20),
                () -> first.discv4().stats().tableSize() == 1);
        Js a = js();
        Js b = js();

        // a bonds with the Java node: it pings, we answer and ping back, it answers
        a.process()
                .command(
                        "bootstrap "
                                + first.enode().nodeIdHex()
                                + " "
                                + first.enode().discoveryPort());
        a.process().await("bootstrapped");
        Await.until(
                "the Java node to hold a",
                Duration.ofSeconds(20),
                () -> first.offered().containsKey(a.id()));
        // a bonds with the Java node: it pings, we answer and ping back, it answers
        a.process()
                .command(
                        "bootstrap "
                                + first.enode().nodeIdHex()
                                + " "
                                + first.enode().discoveryPort());
        a.process().await("bootstrapped");
        Await.until(
                "the Java node to hold a",
                Duration.ofSeconds(20),
                () -> first.offered().containsKey(a.id()));
        // b is known to a only (a DPT adds the nodes it bootstraps from, not those that ping it
        // without a UDP port in their endpoint, as DPT nodes send it)
        a.process().command("bootstrap " + b.id() + " " + b.port());
        assertThat(a.process().await("bootstrapped").get("peers")).contains(b.id());
        // the Java node finds b through a lookup, asking a
        List<DiscoveredNode> found =
                first.discv4().lookup(Hex.decode(b.id())).get(30, TimeUnit.SECONDS);
        assertThat(found).extracting(DiscoveredNode::publicKeyHex).contains(b.id());
        assertThat(first.discv4().nodes().get())
                .extracting(DiscoveredNode::publicKeyHex)
                .contains(a.id(), b.id());

        // a finds the second Java node in the first one's Neighbors, and bonds with it
        Await.until(
                "a to hold both Java nodes",
                Duration.ofSeconds(30),
                () -> {
                    try {
                        return peersOf(a)
                                .containsAll(
                                        List.of(
                                                first.enode().nodeIdHex(),
                                                second.enode().nodeIdHex()));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        assertThat(first.discv4().stats().malformed()).isZero();
        assertThat(second.discv4().stats().malformed()).isZero();
    }

    /**
     * ethereumjs' DNS client takes a name server address (Node's dns.setServers accepts
     * "127.0.0.1:port"), so it can read a tree the Java side publishes from 127.0.0.1.
     */
    @Test
    void ethereumJsReadsATreePublishedByTheJavaSide() throws Exception {
        TxtServer server = TxtServer.start("127.0.0.1", 0);
        running.add(server);
        byte[] listKey = Secp256k1.generatePrivateKey(RANDOM);
        EnrTreeUrl url = new EnrTreeUrl(Secp256k1.publicKeyOf(listKey), "nodes.annals.test");
        List<Enr> records = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int port = 30303 + i;
            records.add(
                    Enr.builder()
                            .ip(InetAddress.getByName("127.0.0." + (i + 1)))
                            .tcp(port)
                            .udp(port)
                            .sign(Secp256k1.generatePrivateKey(RANDOM)));
            expected.add("127.0.0." + (i + 1) + ":" + port + ":" + port);
        }
        server.publish(
                url.domain(), DnsTree.sign(url.domain(), records, List.of(), 1, listKey).records());
        Js client = js();

        client.process().command("dns " + url + " 127.0.0.1:" + server.address().getPort() + " 3");
        String nodes = client.process().await("dns-peers").get("nodes");

        assertThat(Arrays.asList(nodes.split(","))).containsExactlyInAnyOrderElementsOf(expected);
    }
}
