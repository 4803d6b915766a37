package io.annals.node.service;

import io.annals.p2p.discovery.DiscoveredNode;
import io.annals.p2p.discovery.NodeSink;
import io.annals.p2p.discovery.RecordFirst;
import io.annals.p2p.discv4.Discv4Settings;
import io.annals.p2p.discv4.Discv4Stats;
import io.annals.p2p.discv4.LocalNode;
import io.annals.p2p.dns.DnsDiscovery;
import io.annals.p2p.dns.DnsSettings;
import io.annals.p2p.dns.DnsTreeClient;
import io.annals.p2p.dns.EnrTreeUrl;
import io.annals.p2p.enr.Enr;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.netty.DiscoveryServer;
import io.annals.p2p.netty.NettyTxtResolver;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's discovery: discv4 on UDP (when enabled) and the DNS lists (when enabled and any are
 * known), both offering what they find to the peer manager. Either may be absent.
 */
final class Discovery implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Discovery.class);

    static final Discovery NONE =
            new Discovery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    private final Optional<DiscoveryServer> discv4;
    private final Optional<DnsDiscovery> dns;
    private final Optional<NettyTxtResolver> resolver;
    private final Optional<ScheduledExecutorService> dnsLoop;

    private Discovery(
            Optional<DiscoveryServer> discv4,
            Optional<DnsDiscovery> dns,
            Optional<NettyTxtResolver> resolver,
            Optional<ScheduledExecutorService> dnsLoop) {
        this.discv4 = discv4;
        this.dns = dns;
        this.resolver = resolver;
        this.dnsLoop = dnsLoop;
    }

    static Discovery start(
            NodeKey key,
            Discv4Settings discv4Settings,
            DnsSettings dnsSettings,
            List<String> lists,
            LocalNode local,
            int tcpPort,
            NodeSink sink,
            List<Enode> bootnodes) {
        Optional<DiscoveryServer> server = Optional.empty();
        if (discv4Settings.enabled()) {
            server = Optional.of(bindDiscv4(key, discv4Settings, local, tcpPort, sink, bootnodes));
        }
        if (!dnsSettings.enabled() || lists.isEmpty()) {
            return new Discovery(server, Optional.empty(), Optional.empty(), Optional.empty());
        }
        NettyTxtResolver resolver =
                NettyTxtResolver.create(
                        dnsSettings.nameServer().map(NettyTxtResolver::parseNameServer),
                        dnsSettings.queryTimeout());
        ScheduledExecutorService loop =
                Executors.newSingleThreadScheduledExecutor(P2pStack.daemonThreads("annals-dns"));
        DnsTreeClient client =
                new DnsTreeClient(
                        resolver,
                        loop,
                        System::currentTimeMillis,
                        dnsSettings.queriesPerSecond(),
                        dnsSettings.maxEntries());
        DnsDiscovery dns =
                new DnsDiscovery(
                        client,
                        loop,
                        sink,
                        lists.stream().map(EnrTreeUrl::parse).toList(),
                        dnsSettings.syncInterval().toMillis());
        dns.start();
        return new Discovery(server, Optional.of(dns), Optional.of(resolver), Optional.of(loop));
    }

    /**
     * discv4 on the configured port; with port -1 the TCP port's number, or any if that is taken.
     */
    /** The node's record, asked once the server has started (it may offer nodes while starting). */
    private static CompletableFuture<Enr> requestEnr(
            AtomicReference<DiscoveryServer> started, DiscoveredNode node) {
        DiscoveryServer server = started.get();
        if (server != null) {
            return server.discv4().requestEnr(node);
        }
        return CompletableFuture.supplyAsync(
                        () -> null, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS))
                .thenCompose(ignored -> requestEnr(started, node));
    }

    private static DiscoveryServer bindDiscv4(
            NodeKey key,
            Discv4Settings settings,
            LocalNode local,
            int tcpPort,
            NodeSink sink,
            List<Enode> bootnodes) {
        int port = settings.port() == -1 ? tcpPort : settings.port();
        // the manager sees a node found by discv4 only with its record: the fork-id filter judges
        // it before any dial
        AtomicReference<DiscoveryServer> started = new AtomicReference<>();
        NodeSink recordFirst = new RecordFirst(sink, node -> requestEnr(started, node));
        try {
            started.set(DiscoveryServer.start(key, settings, port, local, recordFirst, bootnodes));
        } catch (IllegalStateException e) {
            if (settings.port() != -1) {
                throw e;
            }
            LOG.warn("UDP port {} is taken; discovery listens on another one", port);
            started.set(DiscoveryServer.start(key, settings, 0, local, recordFirst, bootnodes));
        }
        return started.get();
    }

    /** Asks discv4 for more nodes (a random lookup). */
    void moreNodes() {
        discv4.ifPresent(server -> server.discv4().lookupRandom());
    }

    void refreshRecord() {
        discv4.ifPresent(server -> server.discv4().refreshLocalRecord());
    }

    OptionalInt udpPort() {
        return discv4.map(s -> OptionalInt.of(s.localAddress().getPort()))
                .orElse(OptionalInt.empty());
    }

    Optional<Discv4Stats> stats() {
        return discv4.map(s -> s.discv4().stats());
    }

    /** The verified nodes of the discv4 table now. */
    java.util.List<io.annals.p2p.discovery.DiscoveredNode> nodes() {
        return discv4.map(
                        s -> {
                            try {
                                return s.discv4()
                                        .nodes()
                                        .get(5, java.util.concurrent.TimeUnit.SECONDS);
                            } catch (Exception e) {
                                return java.util.List.<io.annals.p2p.discovery.DiscoveredNode>of();
                            }
                        })
                .orElse(java.util.List.of());
    }

    String describe(int bootnodes, int lists) {
        return (discv4.isPresent()
                        ? "discv4 on UDP "
                                + udpPort().getAsInt()
                                + " from "
                                + bootnodes
                                + " bootnodes"
                        : "discv4 off")
                + (dns.isPresent() ? ", " + lists + " DNS lists" : ", no DNS lists");
    }

    @Override
    public void close() {
        dns.ifPresent(DnsDiscovery::close);
        dnsLoop.ifPresent(ScheduledExecutorService::shutdownNow);
        resolver.ifPresent(NettyTxtResolver::close);
        discv4.ifPresent(DiscoveryServer::close);
    }
}
