package io.annals.node.service;

import com.typesafe.config.Config;
import io.annals.core.chain.ChainSpec;
import io.annals.core.chain.NetworkPeers;
import io.annals.p2p.AdvertisedAddress;
import io.annals.p2p.Nat;
import io.annals.p2p.P2pSettings;
import io.annals.p2p.discovery.DiscoveredNode;
import io.annals.p2p.discv4.Discv4Settings;
import io.annals.p2p.discv4.Discv4Stats;
import io.annals.p2p.discv4.LocalNode;
import io.annals.p2p.dns.DnsSettings;
import io.annals.p2p.enr.Enr;
import io.annals.p2p.enr.LocalNodeRecord;
import io.annals.p2p.eth.EthProtocol;
import io.annals.p2p.eth.EthSettings;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.netty.RlpxHost;
import io.annals.p2p.netty.StaticPeerDialer;
import io.annals.p2p.peers.NodeCache;
import io.annals.p2p.peers.PeerManager;
import io.annals.p2p.peers.PeerManagerStats;
import io.annals.p2p.peers.PeerSettings;
import io.annals.p2p.wire.DisconnectReason;
import io.annals.store.HistoryStore;
import io.annals.sync.link.PeerLink;
import io.annals.sync.serve.StoreChainReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * devp2p for the node: the node key and node record in the data directory, the eth protocol serving
 * what the store holds, the RLPx listener, the static peers, and the ways to find others: discv4
 * from the bootnodes, EIP-1459 DNS lists, the node cache, all feeding one {@link PeerManager}.
 * Every peer whose eth handshake succeeds, and that holds history the node still needs, is handed
 * to the sync engine behind a {@link WatchedLink} until {@link #stopAcceptingPeers()}.
 */
final class P2pStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(P2pStack.class);

    private final RlpxHost host;
    private final EthProtocol eth;
    private final ExecutorService worker;
    private final StaticPeerDialer dialer;
    private final PeerGate gate;
    private final PeerManager manager;
    private final ScheduledExecutorService managerLoop;
    private final Discovery discovery;
    private final Enode enode;

    private P2pStack(
            RlpxHost host,
            EthProtocol eth,
            ExecutorService worker,
            StaticPeerDialer dialer,
            PeerGate gate,
            PeerManager manager,
            ScheduledExecutorService managerLoop,
            Discovery discovery,
            Enode enode) {
        this.host = host;
        this.eth = eth;
        this.worker = worker;
        this.dialer = dialer;
        this.gate = gate;
        this.manager = manager;
        this.managerLoop = managerLoop;
        this.discovery = discovery;
        this.enode = enode;
    }

    /**
     * @param network the chain's bootnodes and DNS lists, used when the configuration names none
     * @param extraPeers static peers besides the configured ones
     * @param endBlock the engine sees no block above it, when present
     * @param wrapLink how the engine sees a ready peer's link (a cluster host limits a link to
     *     another host to the run it takes over from it); identity otherwise
     * @param peers receives every ready peer's link; called on a session's I/O thread, must not
     *     block
     */
    static P2pStack start(
            Config config,
            ChainSpec chain,
            NetworkPeers network,
            HistoryStore store,
            Path dataDir,
            String clientId,
            List<Enode> extraPeers,
            OptionalLong endBlock,
            int workerThreads,
            UnaryOperator<PeerLink> wrapLink,
            Consumer<PeerLink> peers) {
        NodeKey key = NodeKey.loadOrCreate(dataDir, new SecureRandom());
        P2pSettings settings =
                withIdentityAndPeers(P2pSettings.fromConfig(config), clientId, extraPeers);
        if (settings.listenPort() < 0 || settings.listenPort() > 65_535) {
            throw new IllegalArgumentException(
                    "annals.p2p.listen-port must be 0..65535, got " + settings.listenPort());
        }
        Nat nat = Nat.parse(config.getString("annals.p2p.nat"));
        Discv4Settings discv4 = Discv4Settings.fromConfig(config);
        DnsSettings dns = DnsSettings.fromConfig(config);
        PeerSettings peerSettings = PeerSettings.fromConfig(config);
        ExecutorService worker =
                Executors.newFixedThreadPool(workerThreads, daemonThreads("annals-eth-worker"));
        ScheduledExecutorService managerLoop =
                Executors.newSingleThreadScheduledExecutor(daemonThreads("annals-peers"));
        RlpxHost host = null;
        Discovery discovery = Discovery.NONE;
        try {
            AtomicReference<RlpxHost> hostRef = new AtomicReference<>();
            AtomicReference<Discovery> discoveryRef = new AtomicReference<>(Discovery.NONE);
            AtomicReference<EthProtocol> ethRef = new AtomicReference<>();
            Set<String> staticIds =
                    settings.staticPeers().stream()
                            .map(Enode::nodeIdHex)
                            .collect(Collectors.toSet());
            PeerManager manager =
                    new PeerManager(
                            peerSettings,
                            enode -> hostRef.get().dial(enode),
                            managerLoop,
                            System::currentTimeMillis,
                            node -> compatible(ethRef.get(), node),
                            staticIds,
                            () -> discoveryRef.get().moreNodes(),
                            Optional.of(new NodeCache(dataDir)));
            PeerGate gate = new PeerGate(peers, endBlock, store, manager, peerSettings, wrapLink);
            EthProtocol eth =
                    EthProtocol.create(
                            EthSettings.fromConfig(config),
                            chain,
                            new StoreChainReader(store, chain.genesisHash()),
                            worker,
                            gate::onPeerReady);
            ethRef.set(eth);
            host = RlpxHost.create(key, settings, List.of(eth), manager);
            hostRef.set(host);
            InetSocketAddress address = host.listen().get(30, TimeUnit.SECONDS);
            InetAddress advertised = AdvertisedAddress.choose(nat, settings.listenHost());
            LocalNode local =
                    new LocalNode(
                            LocalNodeRecord.load(key, dataDir),
                            nat,
                            advertised,
                            address.getPort(),
                            () -> Optional.of(eth.forkId()));
            List<Enode> bootnodes =
                    configuredOr(config, "annals.p2p.discovery.bootnodes", network.bootnodes())
                            .stream()
                            .map(Enode::parse)
                            .toList();
            List<String> lists = dns.lists().isEmpty() ? network.dnsLists() : dns.lists();
            discovery =
                    Discovery.start(
                            key, discv4, dns, lists, local, address.getPort(), manager, bootnodes);
            discoveryRef.set(discovery);
            manager.start();
            StaticPeerDialer dialer = host.startStaticPeers();
            int udp = discovery.udpPort().orElse(address.getPort());
            Enode enode =
                    new Enode(key.nodeId(), advertised.getHostAddress(), address.getPort(), udp);
            LOG.info(
                    "p2p: {} (listening on {}), {} static peers, discovery {}",
                    enode,
                    address,
                    settings.staticPeers().size(),
                    discovery.describe(bootnodes.size(), lists.size()));
            if (settings.staticPeers().isEmpty() && bootnodes.isEmpty() && lists.isEmpty()) {
                LOG.warn(
                        "no way to find peers: no static peers, bootnodes or DNS lists; give --static-peers or"
                                + " --bootnodes, or run the embedded devnet with --devnet");
            }
            return new P2pStack(
                    host, eth, worker, dialer, gate, manager, managerLoop, discovery, enode);
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            closeQuietly(host, worker, managerLoop, discovery);
            throw new IllegalStateException(
                    "cannot listen for peers on "
                            + settings.listenHost()
                            + ":"
                            + settings.listenPort()
                            + ": "
                            + e.getCause(),
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(host, worker, managerLoop, discovery);
            throw new IllegalStateException("interrupted while starting p2p", e);
        } catch (RuntimeException e) {
            closeQuietly(host, worker, managerLoop, discovery);
            throw e;
        }
    }

    /** A node whose record names a fork id our chain rejects is never dialled. */
    private static boolean compatible(EthProtocol eth, DiscoveredNode node) {
        return node.enr()
                .flatMap(Enr::eth)
                .map(forkId -> eth == null || eth.validateForkId(forkId).isAccepted())
                .orElse(true);
    }

    private static List<String> configuredOr(Config config, String key, List<String> fallback) {
        List<String> configured = config.getStringList(key);
        return configured.isEmpty() ? fallback : configured;
    }

    /**
     * Re-reads the served range after the store's head moved; tells eth/69+ peers when it moved
     * enough, and re-signs the node record if the fork id changed.
     */
    void chainUpdated() {
        eth.chainUpdated();
        discovery.refreshRecord();
    }

    /** The URL peers can dial: the advertised address, never the wildcard the listener binds. */
    Enode enode() {
        return enode;
    }

    /**
     * Dials {@code enode} once (a cluster host taking a range over from another); its session, if
     * one comes up, is handed to the engine like any other.
     */
    void dial(String enode) {
        try {
            host.dial(Enode.parse(enode))
                    .whenComplete(
                            (session, failure) -> {
                                if (failure != null) {
                                    LOG.info("cannot dial {}: {}", enode, failure.toString());
                                }
                            });
        } catch (RuntimeException e) {
            LOG.warn("not an enode URL: {}", enode, e);
        }
    }

    int sessions() {
        return host.sessions().size();
    }

    PeerManagerStats peerStats() {
        return manager.stats();
    }

    Optional<Discv4Stats> discoveryStats() {
        return discovery.stats();
    }

    List<DiscoveredNode> discoveredNodes() {
        return discovery.nodes();
    }

    /**
     * The first step of a shutdown: no new peer is taken, static peers are no longer dialled and
     * every session is told we quit, so no more blocks are fetched. The listener and event loops
     * stay until {@link #close()}.
     */
    void stopAcceptingPeers() {
        gate.close();
        dialer.close();
        manager.close();
        host.sessions().forEach(session -> session.disconnect(DisconnectReason.CLIENT_QUITTING));
    }

    @Override
    public void close() {
        gate.close();
        manager.close();
        closeQuietly(host, worker, managerLoop, discovery);
    }

    private static void closeQuietly(
            RlpxHost host,
            ExecutorService worker,
            ScheduledExecutorService managerLoop,
            Discovery discovery) {
        discovery.close();
        if (host != null) {
            host.close();
        }
        managerLoop.shutdownNow();
        worker.shutdownNow();
    }

    private static P2pSettings withIdentityAndPeers(
            P2pSettings s, String clientId, List<Enode> extraPeers) {
        List<Enode> peers =
                new ArrayList<>(new LinkedHashSet<>(concat(s.staticPeers(), extraPeers)));
        return new P2pSettings(
                clientId,
                s.listenHost(),
                s.listenPort(),
                s.maxPeers(),
                s.maxFrameSize(),
                s.maxMessageSize(),
                s.handshakeTimeout(),
                s.helloTimeout(),
                s.pingInterval(),
                s.disconnectLinger(),
                peers,
                s.reconnectMinDelay(),
                s.reconnectMaxDelay(),
                s.maxConcurrentDials());
    }

    private static List<Enode> concat(List<Enode> a, List<Enode> b) {
        List<Enode> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    static java.util.concurrent.ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
