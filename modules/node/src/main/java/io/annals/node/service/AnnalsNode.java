package io.annals.node.service;

import io.annals.core.chain.ChainSpec;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running node: the history store, the sync engine, devp2p and JSON-RPC, wired together.
 *
 * <pre>
 * start:  store (chain identity checked) → actor system + sync engine → p2p (node key, eth serving
 *         the store, listener, static peers; ready peers → engine) → stats monitor → RPC (web3 + history
 *         methods, /health, /metrics) → head watcher, failure watch, progress line
 * close:  stop taking peers (disconnect all) → writer flushes what it holds → checkpoint →
 *         monitor → RPC → p2p → actor system → store
 * </pre>
 *
 * {@link #syncFailed()} completes when sync stopped with an error (a store write failed, e.g. a
 * full disk); the caller then closes the node and exits non-zero.
 */
public final class AnnalsNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnnalsNode.class);
    private static final Duration FLUSH_POLL = Duration.ofMillis(100);

    private final NodeContext context;
    private final HistoryStore store;
    private final SyncEngine engine;
    private final P2pStack p2p;
    private final SyncMonitor monitor;
    private final RpcStack rpc;
    private final HeadWatcher heads;
    private final SyncHealth health;
    private final CompletableFuture<String> syncFailed = new CompletableFuture<>();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private boolean closing;

    private AnnalsNode(
            NodeContext context,
            HistoryStore store,
            SyncEngine engine,
            P2pStack p2p,
            SyncMonitor monitor,
            RpcStack rpc,
            HeadWatcher heads,
            SyncHealth health) {
        this.context = context;
        this.store = store;
        this.engine = engine;
        this.p2p = p2p;
        this.monitor = monitor;
        this.rpc = rpc;
        this.heads = heads;
        this.health = health;
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
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            Files.createDirectories(context.dataDir());
            HistoryStore store =
                    HistoryStore.open(
                            context.dataDir().resolve("store"),
                            new ChainIdentity(chain.chainId(), chain.genesisHash()),
                            StoreSettings.fromConfig(context.config()));
            started.push(store);
            long initialHead = store.contiguousHead().orElse(-1);
            LOG.info(
                    "store {}: {}, start block {}, contiguous head {}",
                    context.dataDir().resolve("store"),
                    store.chain(),
                    store.startBlock(),
                    initialHead < 0 ? "none" : initialHead);

            SyncEngine engine =
                    SyncEngine.start(
                            context.config(),
                            context.storeSeam().apply(SyncStore.of(store)),
                            settings.actorSystemTimeout());
            started.push(engine);
            P2pStack p2p =
                    P2pStack.start(
                            context.config(),
                            chain,
                            store,
                            context.dataDir(),
                            clientId,
                            context.extraPeers(),
                            settings.endBlock(),
                            settings.ethWorkerThreads(),
                            engine::peerReady);
            started.push(p2p);
            SyncMonitor monitor = SyncMonitor.start(engine::stats, settings.statsInterval());
            started.push(monitor);

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
            RpcStack rpc =
                    RpcStack.start(
                            context.config(),
                            chain,
                            store,
                            clientId,
                            status,
                            health,
                            metrics,
                            p2p::sessions);
            started.push(rpc);

            HeadWatcher heads =
                    new HeadWatcher(
                            initialHead, p2p::chainUpdated, rpc.reorgListener()::chainRolledBack);
            monitor.addListener(heads);
            AnnalsNode node =
                    new AnnalsNode(context, store, engine, p2p, monitor, rpc, heads, health);
            monitor.addListener(node::watchForFailure);
            node.connectEngineRollbacks();
            ProgressReporter.start(
                    monitor, context.out(), settings.progressInterval(), settings.endBlock());
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
            LOG.info("shutting down: no new peers, disconnecting {} sessions", p2p.sessions());
            p2p.stopAcceptingPeers();
            flushWriter();
            writeCheckpoint();
            monitor.close();
            rpc.close();
            p2p.close();
            engine.close();
            store.close();
            LOG.info("stopped");
        } finally {
            closed.complete(null);
        }
    }

    /**
     * Waits until the peers are gone and the writer holds nothing unwritten, within the flush
     * timeout.
     */
    private void flushWriter() {
        long deadline = System.nanoTime() + context.settings().flushTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            try {
                SyncStats stats =
                        engine.stats()
                                .toCompletableFuture()
                                .get(
                                        FLUSH_POLL.toMillis() * 50,
                                        java.util.concurrent.TimeUnit.MILLISECONDS);
                long queued = stats.writerQueue();
                if (stats.failed() || (stats.peers() == 0 && queued == 0)) {
                    LOG.info(
                            "writer flushed: {} blocks persisted this run, contiguous head {}",
                            stats.persistedBlocks(),
                            store.contiguousHead().orElse(-1));
                    return;
                }
                Thread.sleep(FLUSH_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (java.util.concurrent.ExecutionException
                    | java.util.concurrent.TimeoutException e) {
                LOG.warn("the sync engine did not answer while flushing: {}", e.toString());
            }
        }
        LOG.warn(
                "the writer did not flush within {}; blocks it still held are fetched again next time",
                context.settings().flushTimeout());
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

    private static void closeAll(Deque<AutoCloseable> started) {
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (Exception e) {
                LOG.warn("while stopping after a failed start", e);
            }
        }
    }
}
