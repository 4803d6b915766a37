package io.annals.node.service;

import io.annals.cluster.ClusterSettings;
import io.annals.core.chain.ChainSpec;
import io.annals.core.crypto.KeccakBatch;
import io.annals.node.AnnalsVersion;
import io.annals.node.NodeSettings;
import io.annals.node.monitor.HeadWatcher;
import io.annals.node.monitor.ProgressReporter;
import io.annals.node.monitor.SyncHealth;
import io.annals.node.monitor.SyncMonitor;
import io.annals.node.monitor.SyncStatus;
import io.annals.p2p.identity.Enode;
import io.annals.rpc.metrics.MetricsRegistry;
import io.annals.store.ChainIdentity;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import io.annals.sync.SyncStats;
import io.annals.sync.head.HeadSettings;
import io.annals.sync.write.SyncStore;
import io.annals.sync.write.Writer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node: the history store, the sync engine, devp2p and JSON-RPC, wired together.
 *
 * <pre>
 * start:  store (chain identity checked) → actor system + sync engine → p2p (node key, eth serving
 *         the store, listener, static peers; ready peers → engine) → stats monitor → RPC (web3 + history
 *         methods, /health, /metrics) → head watcher, failure watch, progress line
 * close:  stop taking peers (disconnect all) → the engine drains: its peer actors stop and the
 *         writer writes what they delivered → checkpoint → then every part in reverse start
 *         order (RPC, monitor, p2p, actor system, store last), each closed even if one before
 *         it failed
 * </pre>
 *
 * {@link #syncFailed()} completes when sync stopped with an error (a store write failed, e.g. a
 * full disk); the caller then closes the node and exits non-zero.
 */
public final class AnnalsNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnnalsNode.class);
    private final NodeContext context;
    private final Deque<Part> started;
    private final HistoryStore store;
    private final SyncService engine;
    private final P2pStack p2p;
    private final SyncMonitor monitor;
    private final RpcStack rpc;
    private final HeadWatcher heads;
    private final SyncHealth health;
    private final ClusterHost cluster;
    private final CompletableFuture<String> syncFailed = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private boolean closing;

    /** A started part, named for the log when closing it fails. */
    private record Part(String name, AutoCloseable closeable) {}

    private AnnalsNode(
            NodeContext context,
            Deque<Part> started,
            HistoryStore store,
            SyncService engine,
            P2pStack p2p,
            SyncMonitor monitor,
            RpcStack rpc,
            HeadWatcher heads,
            SyncHealth health,
            ClusterHost cluster) {
        this.context = context;
        this.started = started;
        this.store = store;
        this.engine = engine;
        this.p2p = p2p;
        this.monitor = monitor;
        this.rpc = rpc;
        this.heads = heads;
        this.health = health;
        this.cluster = cluster;
    }

    /**
     * Starts every part in order; if one fails, the parts already started are closed again and the
     * error is thrown (a store of another chain: {@link
     * io.annals.store.IncompatibleStoreException}; a port in use: {@link IllegalStateException}).
     */
    public static AnnalsNode start(NodeContext context) {
        NodeSettings settings = context.settings();
        ChainSpec chain = context.chain();
        String clientId = AnnalsVersion.clientId();
        Deque<Part> started = new ArrayDeque<>();
        try {
            Files.createDirectories(context.dataDir());
            HistoryStore store =
                    HistoryStore.open(
                            context.dataDir().resolve("store"),
                            new ChainIdentity(chain.chainId(), chain.genesisHash()),
                            StoreSettings.fromConfig(context.config()));
            started.push(new Part("the store", store));
            long initialHead = store.contiguousHead().orElse(-1);
            LOG.info(
                    "store {}: {}, start block {}, contiguous head {}",
                    context.dataDir().resolve("store"),
                    store.chain(),
                    store.startBlock(),
                    initialHead < 0 ? "none" : initialHead);
            // the lanes need --add-modules jdk.incubator.vector (scripts/run passes it)
            LOG.info("Keccak-256 batches: {}", KeccakBatch.engine());

            ClusterHost cluster = ClusterHost.of(context.config());
            SyncStore syncStore = cluster.syncStore(store);
            SyncService engine =
                    SyncService.start(
                            cluster.config(context.config(), context.dataDir()),
                            cluster.children(syncStore),
                            settings.actorSystemTimeout());
            started.push(new Part("the sync engine", engine));
            EraSources.start(context, chain)
                    .ifPresent(
                            era -> {
                                started.push(new Part("the era sources", era));
                                engine.peerReady(era);
                            });
            P2pStack p2p =
                    P2pStack.start(
                            context.config(),
                            chain,
                            context.network(),
                            store,
                            context.dataDir(),
                            clientId,
                            context.extraPeers(),
                            settings.endBlock(),
                            settings.ethWorkerThreads(),
                            cluster.linkWrapper(),
                            engine::peerReady);
            started.push(new Part("devp2p", p2p));
            cluster.start(
                    engine, store, p2p, HeadSettings.fromConfig(context.config()).rollbackWindow());
            SyncMonitor monitor = SyncMonitor.start(engine::stats, settings.statsInterval());
            started.push(new Part("the stats monitor", monitor));

            MetricsRegistry metrics = MetricsRegistry.withJvmMetrics();
            monitor.addListener(
                    new io.annals.node.monitor.SyncMetrics(
                            metrics, monitor, engine::mailboxDepths, p2p::sessions));
            Duration staleAfter = settings.statsInterval().multipliedBy(5).plusSeconds(10);
            SyncHealth health =
                    new SyncHealth(monitor, settings.endBlock(), initialHead, staleAfter);
            long startingBlock = Math.max(initialHead, store.startBlock());
            SyncStatus status =
                    new SyncStatus(
                            monitor, startingBlock, settings.syncedLag(), settings.endBlock());
            cluster.node()
                    .ifPresent(
                            member ->
                                    monitor.addListener(
                                            new io.annals.node.monitor.ClusterMetrics(
                                                    metrics, member::status, member.traffic())));
            RpcStack rpc =
                    RpcStack.start(
                            context.config(),
                            chain,
                            cluster.history(store),
                            clientId,
                            cluster.syncStatus(status, startingBlock, settings.syncedLag()),
                            cluster.health(health),
                            metrics,
                            p2p::sessions);
            started.push(new Part("JSON-RPC", rpc));

            HeadWatcher heads =
                    new HeadWatcher(
                            initialHead,
                            p2p::chainUpdated,
                            rpc.reorgListener()::chainRolledBack,
                            !cluster.enabled());
            monitor.addListener(heads);
            AnnalsNode node =
                    new AnnalsNode(
                            context, started, store, engine, p2p, monitor, rpc, heads, health,
                            cluster);
            monitor.addListener(node::watchForFailure);
            node.connectEngineRollbacks();
            cluster.beforeTermination(node::drainAndCheckpoint);
            io.annals.node.monitor.PeerMetrics.register(
                    metrics, p2p::peerStats, p2p::discoveryStats);
            ProgressReporter.start(
                    monitor,
                    context.out(),
                    settings.progressInterval(),
                    settings.endBlock(),
                    () ->
                            io.annals.node.monitor.PeerMetrics.summary(
                                            p2p.peerStats(), p2p.discoveryStats())
                                    + cluster.node()
                                            .map(
                                                    member ->
                                                            io.annals.node.monitor.ClusterLine.of(
                                                                    member.status()))
                                            .orElse(""));
            LOG.info(
                    "{} started: chain {} (network id {}), data dir {}{}",
                    clientId,
                    chain.name(),
                    chain.networkId(),
                    context.dataDir(),
                    rpc.address()
                            .map(
                                    a ->
                                            ", JSON-RPC on http://"
                                                    + a.getHostString()
                                                    + ":"
                                                    + a.getPort())
                            .orElse(", JSON-RPC disabled"));
            return node;
        } catch (IOException e) {
            closeAll(started);
            throw new UncheckedIOException(
                    "cannot create the data directory " + context.dataDir(), e);
        } catch (RuntimeException | Error e) {
            closeAll(started);
            throw e;
        }
    }

    /**
     * Every rollback the sync engine does (a reorg at the tip) goes to the {@link HeadWatcher},
     * which tells the RPC filters ({@code HistoryApi.reorgListener()}) and re-reads what eth
     * serves, so a reorg that keeps the height is announced too. The engine calls the listener on
     * its store thread, which must not wait: the watcher runs on the monitor's thread. The watcher
     * still finds a fall of the contiguous head in the stats snapshots as well.
     */
    private void connectEngineRollbacks() {
        engine.subscribeRollbacks(
                (ancestor, dropped) ->
                        monitor.executor().execute(() -> heads.rolledBack(ancestor)));
    }

    private void watchForFailure(SyncStats stats) {
        stats.failure()
                .ifPresent(
                        reason -> {
                            if (!syncFailed.isDone()) {
                                LOG.error("sync stopped with an error: {}", reason);
                                syncFailed.complete(reason);
                            }
                        });
    }

    /**
     * Completes with the reason when sync stopped with an error; the node should then be closed.
     */
    public CompletableFuture<String> syncFailed() {
        return syncFailed;
    }

    /**
     * Completes when the cluster downed this host (the minority side of a partition, or an
     * operator's down): it shut its actor system down; the node should be closed and the process
     * restarted to join again. Never completes on a single host.
     */
    public CompletableFuture<String> clusterDowned() {
        return cluster.downed();
    }

    /** The engine's figures now (an ask, for tests and tools). */
    public CompletionStage<SyncStats> stats() {
        return engine.stats();
    }

    /** The monitor that keeps the latest figures (progress, health, metrics). */
    public SyncMonitor monitor() {
        return monitor;
    }

    public SyncHealth health() {
        return health;
    }

    public Optional<InetSocketAddress> rpcAddress() {
        return rpc.address();
    }

    public Enode enode() {
        return p2p.enode();
    }

    /** The peer manager's figures: known nodes, dials, sessions by eth version, evictions. */
    public io.annals.p2p.peers.PeerManagerStats peerStats() {
        return p2p.peerStats();
    }

    /** discv4's figures, when it runs. */
    public Optional<io.annals.p2p.discv4.Discv4Stats> discoveryStats() {
        return p2p.discoveryStats();
    }

    /** The nodes in discv4's table now. */
    public java.util.List<io.annals.p2p.discovery.DiscoveredNode> discoveredNodes() {
        return p2p.discoveredNodes();
    }

    /**
     * Stops in order (see the class comment) and waits until done; safe to call more than once and
     * from several threads (a signal's shutdown hook and the main thread): later calls wait for the
     * first.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closing) {
                closed.join();
                return;
            }
            closing = true;
        }
        try {
            if (cluster.enabled()) {
                // the ranges go to other hosts first; the drain runs inside the cluster's shutdown
                LOG.info("shutting down: leaving the cluster");
                cluster.leave(
                        ClusterSettings.fromConfig(context.config())
                                .handoverTimeout()
                                .plus(context.settings().flushTimeout())
                                .plusSeconds(60));
            } else {
                drainAndCheckpoint();
            }
            closeAll(started);
            LOG.info("stopped");
        } finally {
            closed.complete(null);
        }
    }

    /** No more peers, the writer flushed, the shutdown checkpoint: every step guarded. */
    private void drainAndCheckpoint() {
        LOG.info("shutting down: no new peers, disconnecting {} sessions", p2p.sessions());
        guarded("stop taking peers", p2p::stopAcceptingPeers);
        guarded("drain the writer", this::drainWriter);
        guarded("write the shutdown checkpoint", this::writeCheckpoint);
    }

    /**
     * Waits, within the flush timeout, until the engine's peers are gone and the writer wrote what
     * they delivered. What it did not write is fetched again after the restart.
     */
    private void drainWriter() throws InterruptedException {
        Duration timeout = context.settings().flushTimeout();
        try {
            Writer.Drained drained =
                    engine.drain(timeout)
                            .toCompletableFuture()
                            .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            LOG.info(
                    "writer flushed: {} blocks persisted this run, contiguous head {}{}",
                    drained.persisted(),
                    drained.contiguousHead().isPresent()
                            ? drained.contiguousHead().getAsLong()
                            : store.contiguousHead().orElse(-1),
                    drained.failure().map(why -> " (it had stopped: " + why + ")").orElse(""));
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn(
                    "the writer did not flush within {}; blocks it still held are fetched again next time",
                    timeout);
        }
    }

    /**
     * Records the block one rollback window below the contiguous head as a checkpoint: it is
     * stored, it is deeper than any reorg the engine handles, and it says how far this run got.
     */
    private void writeCheckpoint() {
        try {
            long window = HeadSettings.fromConfig(context.config()).rollbackWindow();
            long head = store.contiguousHead().orElse(-1);
            long number = head - window;
            if (head < 0 || number < store.startBlock()) {
                return;
            }
            store.canonicalHash(number)
                    .ifPresent(
                            hash -> {
                                store.putCheckpoint(number, hash);
                                LOG.info("checkpoint: block {} {}", number, hash);
                            });
        } catch (RuntimeException e) {
            LOG.warn("cannot write the shutdown checkpoint", e);
        }
    }

    /** A shutdown step; its failure is logged and the next step runs all the same. */
    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private static void guarded(String what, Step step) {
        try {
            step.run();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while trying to {}", what);
        } catch (Exception | Error e) {
            LOG.warn("cannot {}", what, e);
        }
    }

    /** Closes the started parts in reverse start order, each even if one before it failed. */
    private static void closeAll(Deque<Part> started) {
        while (!started.isEmpty()) {
            Part part = started.pop();
            guarded("close " + part.name(), part.closeable()::close);
        }
    }
}
