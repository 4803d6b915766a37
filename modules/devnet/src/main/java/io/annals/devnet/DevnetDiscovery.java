package io.annals.devnet;

import com.typesafe.config.Config;
import io.annals.core.crypto.Keccak256;
import io.annals.core.crypto.Secp256k1;
import io.annals.devnet.peer.DevnetPeer;
import io.annals.p2p.Nat;
import io.annals.p2p.discovery.NodeSink;
import io.annals.p2p.discv4.Discv4Settings;
import io.annals.p2p.discv4.LocalNode;
import io.annals.p2p.dns.DnsTree;
import io.annals.p2p.dns.EnrTreeUrl;
import io.annals.p2p.enr.Enr;
import io.annals.p2p.enr.LocalNodeRecord;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.netty.DiscoveryServer;
import io.annals.p2p.netty.TxtServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The devnet's discovery: a discv4 node beside each peer (its node key, UDP on its TCP port's
 * number, bootstrapped from peer 0, its record carrying the devnet's fork id), and optionally the
 * peers' records as an EIP-1459 tree served from a {@link TxtServer}.
 */
public final class DevnetDiscovery implements AutoCloseable {
    /**
     * {@code annals.devnet.discovery}, with the discv4 settings of {@code annals.p2p.discovery}.
     */
    public record Settings(
            boolean enabled, Discv4Settings discv4, boolean dns, int dnsPort, String dnsDomain) {
        public static Settings fromConfig(Config root, String listenHost) {
            Config c = root.getConfig("annals.devnet.discovery");
            Discv4Settings discv4 = Discv4Settings.fromConfig(root);
            return new Settings(
                    c.getBoolean("enabled"),
                    new Discv4Settings(
                            discv4.enabled(),
                            listenHost,
                            discv4.port(),
                            discv4.requestTimeout(),
                            discv4.bondExpiration(),
                            discv4.packetLifetime(),
                            discv4.refreshInterval(),
                            discv4.revalidateInterval(),
                            discv4.packetsPerSecond(),
                            discv4.packetBurst(),
                            discv4.maxSources(),
                            discv4.endpointVotes(),
                            discv4.bucketIpLimit(),
                            discv4.tableIpLimit()),
                    c.getBoolean("dns.enabled"),
                    c.getInt("dns.port"),
                    c.getString("dns.domain"));
        }
    }

    private final List<DiscoveryServer> servers;
    private final Optional<TxtServer> dns;
    private final Optional<EnrTreeUrl> tree;

    private DevnetDiscovery(
            List<DiscoveryServer> servers, Optional<TxtServer> dns, Optional<EnrTreeUrl> tree) {
        this.servers = servers;
        this.dns = dns;
        this.tree = tree;
    }

    static DevnetDiscovery start(Settings settings, long seed, List<DevnetPeer> peers) {
        List<DiscoveryServer> servers = new ArrayList<>();
        List<Enr> records = new ArrayList<>();
        InetAddress host = address(settings.discv4().listenHost());
        try {
            for (DevnetPeer peer : peers) {
                Enode enode = peer.enode();
                LocalNode local =
                        new LocalNode(
                                LocalNodeRecord.inMemory(DevnetPeer.nodeKey(seed, peer.index())),
                                new Nat.None(),
                                host,
                                enode.tcpPort(),
                                () -> Optional.of(peer.eth().forkId()));
                List<Enode> bootnodes =
                        servers.isEmpty()
                                ? List.of()
                                : List.of(enodeOf(peers.get(0), servers.get(0)));
                DiscoveryServer server =
                        DiscoveryServer.start(
                                DevnetPeer.nodeKey(seed, peer.index()),
                                settings.discv4(),
                                enode.tcpPort(),
                                local,
                                NodeSink.NONE,
                                bootnodes);
                servers.add(server);
                records.add(
                        Enr.builder()
                                .ip(host)
                                .tcp(enode.tcpPort())
                                .udp(server.localAddress().getPort())
                                .eth(peer.eth().forkId())
                                .sign(DevnetPeer.nodeKey(seed, peer.index()).privateKey()));
            }
            if (!settings.dns()) {
                return new DevnetDiscovery(servers, Optional.empty(), Optional.empty());
            }
            byte[] listKey =
                    Keccak256.hash(
                            ("annals devnet node list " + seed).getBytes(StandardCharsets.UTF_8));
            EnrTreeUrl url = new EnrTreeUrl(Secp256k1.publicKeyOf(listKey), settings.dnsDomain());
            TxtServer txt = TxtServer.start(settings.discv4().listenHost(), settings.dnsPort());
            txt.publish(
                    url.domain(),
                    DnsTree.sign(url.domain(), records, List.of(), 1, listKey).records());
            return new DevnetDiscovery(servers, Optional.of(txt), Optional.of(url));
        } catch (RuntimeException e) {
            servers.forEach(DiscoveryServer::close);
            throw e;
        }
    }

    /** Peer 0's discovery endpoint: the one bootnode a node needs. */
    public Enode bootnode(DevnetPeer first) {
        return enodeOf(first, servers.get(0));
    }

    /** Verified nodes in peer {@code index}'s discv4 table. */
    public int tableSize(int index) {
        return servers.get(index).discv4().stats().tableSize();
    }

    /** The tree's URL and the name server that serves it, when the devnet publishes one. */
    public Optional<EnrTreeUrl> dnsList() {
        return tree;
    }

    public Optional<InetSocketAddress> dnsServer() {
        return dns.map(TxtServer::address);
    }

    private static Enode enodeOf(DevnetPeer peer, DiscoveryServer server) {
        Enode tcp = peer.enode();
        return new Enode(tcp.nodeId(), tcp.host(), tcp.tcpPort(), server.localAddress().getPort());
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(
                    "devnet listen-host " + host + " does not resolve", e);
        }
    }

    @Override
    public void close() {
        servers.forEach(DiscoveryServer::close);
        dns.ifPresent(TxtServer::close);
    }
}
