package io.annals.devnet;

import io.annals.core.chain.ChainSpec;
import io.annals.core.types.Hash;
import io.annals.devnet.chain.BlockGenerator;
import io.annals.devnet.chain.GeneratedChain;
import io.annals.devnet.chain.ParallelComposer;
import io.annals.devnet.peer.BlockBirths;
import io.annals.devnet.peer.DevnetPeer;
import io.annals.devnet.peer.PeerStats;
import io.annals.devnet.peer.PeerView;
import io.annals.devnet.serve.EncodedChain;
import io.annals.p2p.P2pSettings;
import io.annals.p2p.identity.Enode;
import io.annals.sync.serve.StoreChainReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local devnet: a generated mainnet-like chain (see {@link BlockGenerator}) served by real
 * RLPx/eth peers on this machine, each seeing new blocks after its own propagation delay and
 * misbehaving as its fault plan says. The node's end-to-end tests, its embedded devnet mode and the
 * sync benchmark run against it.
 *
 * <pre>
 * try (Devnet devnet = Devnet.create(DevnetConfig.fromConfig(config))) {
 *     List&lt;Enode&gt; peers = devnet.start();   // generates what the store lacks, starts the peers
 *     node.connect(peers);
 *     devnet.pauseGrowth();  devnet.advance(3);  devnet.reorg(2);  devnet.resumeGrowth();
 * }
 * </pre>
 *
 * <p>All chain changes run on the {@link DevnetScheduler}'s thread: head growth every block time,
 * each peer's view of each new block, scheduled reorgs, and the test controls (which wait for their
 * task). With a {@link ManualScheduler}, nothing happens until the test advances its time.
 */
public final class Devnet implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Devnet.class);

    private final DevnetSettings settings;
    private final DevnetScheduler scheduler;
    private final boolean ownsScheduler;
    private final List<DevnetPeer> peers = new ArrayList<>();

    /** The started peers, published when start() completes (read by other threads). */
    private volatile List<DevnetPeer> started = List.of();

    /** Reorgs due at a head block: block → depth. Touched on the scheduler's thread only. */
    private final Map<Long, Integer> reorgsAtBlock = new HashMap<>();

    private GeneratedChain chain;
    private ChainHead head;
    private ExecutorService serving;
    private boolean paused;

    /**
     * Set first thing by close(), without the lock: it stops a generation in progress and the
     * head's tasks.
     */
    private volatile boolean closed;

    /** The peers' discv4 nodes and node list, when discovery is enabled. */
    private volatile DevnetDiscovery discovery;

    private boolean released;

    private Devnet(DevnetSettings settings, DevnetScheduler scheduler, boolean ownsScheduler) {
        this.settings = settings;
        this.scheduler = scheduler;
        this.ownsScheduler = ownsScheduler;
    }

    /** A devnet on the wall clock. */
    public static Devnet create(DevnetSettings settings) {
        return new Devnet(settings, new RealTimeScheduler(), true);
    }

    /**
     * A devnet on the given scheduler (a {@link ManualScheduler} in tests); the caller closes it.
     */
    public static Devnet create(DevnetSettings settings, DevnetScheduler scheduler) {
        return new Devnet(settings, scheduler, false);
    }

    /**
     * Opens the chain's store, generates the blocks up to {@code blocks} that it lacks, starts the
     * peers and the head's growth.
     *
     * @return the peers' enode URLs, peer 0 first
     */
    public synchronized List<Enode> start() {
        if (chain != null) {
            throw new IllegalStateException("the devnet is already started");
        }
        BlockGenerator generator = new BlockGenerator(settings.chain());
        chain = GeneratedChain.open(settings.dataDir(), generator);
        try {
            generate(settings.blocks());
            EncodedChain encoded =
                    new EncodedChain(
                            new StoreChainReader(chain.store(), chain.genesisHash()),
                            settings.serveCacheBlocks());
            BlockBirths births = new BlockBirths();
            head =
                    new ChainHead(
                            chain,
                            encoded,
                            births,
                            scheduler,
                            settings.propagation(),
                            settings.blocks());
            serving =
                    Executors.newFixedThreadPool(
                            Math.max(2, Runtime.getRuntime().availableProcessors()),
                            r -> {
                                Thread thread = new Thread(r, "devnet-serve");
                                thread.setDaemon(true);
                                return thread;
                            });
            for (int i = 0; i < settings.peers(); i++) {
                PeerView view =
                        new PeerView(
                                i,
                                settings.faults().get(i),
                                births,
                                scheduler::nowMillis,
                                settings.chain().seed(),
                                new PeerView.State(settings.blocks(), head.current()));
                peers.add(
                        DevnetPeer.start(
                                i,
                                settings.chain().seed(),
                                chain.spec(),
                                view,
                                peerTransport(i),
                                settings.eth(i),
                                serving));
            }
            head.attach(peers);
            if (settings.discovery().enabled()) {
                discovery =
                        DevnetDiscovery.start(settings.discovery(), settings.chain().seed(), peers);
            }
            LOG.info(
                    "devnet up: {} peers, head {} ({}), chain {} genesis {}",
                    peers.size(),
                    settings.blocks(),
                    head.headHash(),
                    chain.spec().name(),
                    chain.genesisHash());
            // from here on the head belongs to the scheduler's thread
            scheduleGrowthAndReorgs();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        started = List.copyOf(peers);
        return enodes();
    }

    private void generate(long target) {
        long stored = chain.storedHead();
        if (stored >= target) {
            return;
        }
        LOG.info("generating blocks {}..{} into {}", stored + 1, target, settings.dataDir());
        long started = System.nanoTime();
        long[] lastLog = {started};
        try (ParallelComposer composer = ParallelComposer.perCore()) {
            chain.extendTo(
                    target,
                    0,
                    composer,
                    at -> {
                        if (closed) {
                            throw new CancellationException(
                                    "the devnet was closed while generating its chain");
                        }
                        long now = System.nanoTime();
                        if (now - lastLog[0] > TimeUnit.SECONDS.toNanos(10)) {
                            lastLog[0] = now;
                            LOG.info("generated up to block {} of {}", at, target);
                        }
                    });
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LOG.info(
                "generated {} blocks in {} s ({} ms/block)",
                target - stored,
                String.format("%.1f", seconds),
                String.format("%.2f", seconds * 1000 / (target - stored)));
    }

    private P2pSettings peerTransport(int index) {
        P2pSettings base = settings.p2p();
        int port = settings.basePort() == 0 ? 0 : settings.basePort() + index;
        return new P2pSettings(
                "Annals-devnet/peer-" + index,
                settings.listenHost(),
                port,
                base.maxPeers(),
                base.maxFrameSize(),
                base.maxMessageSize(),
                base.handshakeTimeout(),
                base.helloTimeout(),
                base.pingInterval(),
                base.disconnectLinger(),
                List.of(),
                base.reconnectMinDelay(),
                base.reconnectMaxDelay(),
                base.maxConcurrentDials());
    }

    private void scheduleGrowthAndReorgs() {
        for (ReorgPlan plan : settings.reorgs()) {
            if (plan.after().isPresent()) {
                scheduler.schedule(
                        plan.after().get(),
                        () -> {
                            if (!closed) {
                                head.reorg(plan.depth());
                            }
                        });
            } else {
                reorgsAtBlock.put(plan.atBlock().getAsLong(), plan.depth());
            }
        }
        if (settings.grows()) {
            scheduler.schedule(settings.blockTime(), this::tick);
        }
    }

    /** One block time passed: a scheduled reorg at this head, or else a new block. */
    private void tick() {
        if (closed) {
            return;
        }
        scheduler.schedule(settings.blockTime(), this::tick);
        if (paused) {
            return;
        }
        Integer depth = reorgsAtBlock.remove(head.head());
        if (depth != null) {
            head.reorg((int) Math.min(depth, head.head()));
        } else {
            head.produce();
        }
    }

    /** Peer 0's discv4 endpoint: a node that discovers needs only this bootnode. */
    public Optional<Enode> bootnode() {
        DevnetDiscovery d = discovery;
        return d == null || started.isEmpty()
                ? Optional.empty()
                : Optional.of(d.bootnode(started.get(0)));
    }

    /** The devnet's EIP-1459 list and its name server, when it publishes one. */
    public Optional<DevnetDiscovery> discovery() {
        return Optional.ofNullable(discovery);
    }

    public List<Enode> enodes() {
        return started.stream().map(DevnetPeer::enode).toList();
    }

    /**
     * The devnet's chain spec (network id, genesis, forks): what the node must be configured with.
     */
    public ChainSpec chainSpec() {
        return chain.spec();
    }

    public DevnetSettings settings() {
        return settings;
    }

    /** The number of the devnet's head block. */
    public long head() {
        return scheduler.call(head::head);
    }

    /** The hash of the devnet's head block on its current branch. */
    public Hash headHash() {
        return scheduler.call(head::headHash);
    }

    /** How many reorgs happened: 0 while the chain is the original one. */
    public int branch() {
        return scheduler.call(head::branch);
    }

    /** Produces {@code count} blocks now, each announced to the peers with their delays. */
    public void advance(int count) {
        scheduler.run(
                () -> {
                    for (int i = 0; i < count; i++) {
                        head.produce();
                    }
                });
    }

    /**
     * Replaces the top {@code depth} blocks by a sibling branch now; peers switch with their
     * delays.
     */
    public void reorg(int depth) {
        scheduler.run(() -> head.reorg(depth));
    }

    /** Stops the head's growth (scheduled blocks are skipped until {@link #resumeGrowth}). */
    public void pauseGrowth() {
        scheduler.run(() -> paused = true);
    }

    public void resumeGrowth() {
        scheduler.run(() -> paused = false);
    }

    /** The peers, once {@link #start} has completed; empty before. */
    public List<DevnetPeer> peers() {
        return started;
    }

    public PeerStats stats(int peer) {
        return started.get(peer).stats();
    }

    /**
     * Stops the peers (each says Disconnect to its sessions) and closes the store. Safe from any
     * thread, also while {@link #start} is still generating the chain (which it then abandons).
     */
    @Override
    public void close() {
        closed = true;
        DevnetDiscovery d = discovery;
        if (d != null) {
            d.close();
        }
        synchronized (this) {
            if (released) {
                return;
            }
            released = true;
            release();
        }
    }

    private void release() {
        if (ownsScheduler) {
            scheduler.close();
        }
        CompletableFuture.allOf(
                        peers.stream()
                                .map(peer -> CompletableFuture.runAsync(peer::close))
                                .toArray(CompletableFuture[]::new))
                .join();
        if (serving != null) {
            serving.shutdownNow();
        }
        if (chain != null) {
            chain.close();
        }
    }
}
