package io.annals.node.service;

import com.typesafe.config.Config;
import io.annals.core.chain.ChainSpec;
import io.annals.p2p.P2pSettings;
import io.annals.p2p.SessionListener;
import io.annals.p2p.eth.EthPeer;
import io.annals.p2p.eth.EthProtocol;
import io.annals.p2p.eth.EthSettings;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.identity.NodeKey;
import io.annals.p2p.netty.RlpxHost;
import io.annals.p2p.netty.StaticPeerDialer;
import io.annals.p2p.wire.DisconnectReason;
import io.annals.store.HistoryStore;
import io.annals.sync.link.EthPeerLink;
import io.annals.sync.link.PeerLink;
import io.annals.sync.serve.StoreChainReader;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * devp2p for the node: the node key in the data directory, the eth protocol serving what the store
 * holds, the RLPx listener and the static peers. Every peer whose eth handshake succeeds is handed
 * to the sync engine, until {@link #stopAcceptingPeers()}.
 */
final class P2pStack implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(P2pStack.class);

    private final RlpxHost host;
    private final EthProtocol eth;
    private final ExecutorService worker;
    private final StaticPeerDialer dialer;
    private final PeerGate gate;

    private P2pStack(
            RlpxHost host,
            EthProtocol eth,
            ExecutorService worker,
            StaticPeerDialer dialer,
            PeerGate gate) {
        this.host = host;
        this.eth = eth;
        this.worker = worker;
        this.dialer = dialer;
        this.gate = gate;
    }

    /**
     * @param extraPeers static peers besides the configured ones (the embedded devnet's)
     * @param endBlock the engine sees no block above it, when present
     * @param wrapLink how the engine sees a ready peer's link (a cluster host limits a link to
     *     another host to the run it takes over from it); identity otherwise
     * @param peers receives every ready peer's link; called on a session's I/O thread, must not
     *     block
     */
    static P2pStack start(
            Config config,
            ChainSpec chain,
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
        ExecutorService worker =
                Executors.newFixedThreadPool(workerThreads, daemonThreads("annals-eth-worker"));
        RlpxHost host = null;
        try {
            PeerGate gate = new PeerGate(peers, endBlock, wrapLink);
            EthProtocol eth =
                    EthProtocol.create(
                            EthSettings.fromConfig(config),
                            chain,
                            new StoreChainReader(store, chain.genesisHash()),
                            worker,
                            gate::onPeerReady);
            host = RlpxHost.create(key, settings, List.of(eth), SessionListener.NONE);
            InetSocketAddress address = host.listen().get(30, TimeUnit.SECONDS);
            StaticPeerDialer dialer = host.startStaticPeers();
            LOG.info(
                    "p2p: {} listening on {}, {} static peers",
                    host.localEnode().orElseThrow(),
                    address,
                    settings.staticPeers().size());
            if (settings.staticPeers().isEmpty()) {
                LOG.warn(
                        "no peers to sync from: Annals has no peer discovery yet; give peers with --static-peers "
                                + "(annals.p2p.static-peers) or run the embedded devnet with --devnet");
            }
            return new P2pStack(host, eth, worker, dialer, gate);
        } catch (java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            closeQuietly(host, worker);
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
            closeQuietly(host, worker);
            throw new IllegalStateException("interrupted while starting p2p", e);
        } catch (RuntimeException e) {
            closeQuietly(host, worker);
            throw e;
        }
    }

    /**
     * Re-reads the served range after the store's head moved; tells eth/69+ peers when it moved
     * enough.
     */
    void chainUpdated() {
        eth.chainUpdated();
    }

    Enode enode() {
        return host.localEnode().orElseThrow();
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

    /**
     * The first step of a shutdown: no new peer is taken, static peers are no longer dialled and
     * every session is told we quit, so no more blocks are fetched. The listener and event loops
     * stay until {@link #close()}.
     */
    void stopAcceptingPeers() {
        gate.close();
        dialer.close();
        host.sessions().forEach(session -> session.disconnect(DisconnectReason.CLIENT_QUITTING));
    }

    @Override
    public void close() {
        gate.close();
        closeQuietly(host, worker);
    }

    private static void closeQuietly(RlpxHost host, ExecutorService worker) {
        if (host != null) {
            host.close();
        }
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

    /** Hands ready peers to the engine until closed; afterwards a ready peer is told we quit. */
    private static final class PeerGate {
        private final Consumer<PeerLink> peers;
        private final OptionalLong endBlock;
        private final UnaryOperator<PeerLink> wrapLink;
        private volatile boolean open = true;

        PeerGate(
                Consumer<PeerLink> peers, OptionalLong endBlock, UnaryOperator<PeerLink> wrapLink) {
            this.peers = peers;
            this.endBlock = endBlock;
            this.wrapLink = wrapLink;
        }

        void onPeerReady(EthPeer peer) {
            if (!open) {
                peer.disconnect(DisconnectReason.CLIENT_QUITTING);
                return;
            }
            PeerLink link = wrapLink.apply(new EthPeerLink(peer));
            peers.accept(
                    endBlock.isPresent() ? new EndBlockLink(link, endBlock.getAsLong()) : link);
        }

        void close() {
            open = false;
        }
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
