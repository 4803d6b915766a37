package io.annals.p2p.peers;

import io.annals.p2p.RlpxSession;
import io.annals.p2p.SessionListener;
import io.annals.p2p.discovery.DiscoveredNode;
import io.annals.p2p.discovery.NodeSink;
import io.annals.p2p.identity.Enode;
import io.annals.p2p.wire.DisconnectReason;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the node's sessions at their target: discovery, DNS lists and the node cache {@link #offer}
 * nodes; every tick the manager dials the best candidates (at most {@code dials-per-second} a
 * second and {@code max-concurrent-dials} at once) until {@code max-peers} minus the inbound share
 * are outbound, never a node it is connected to or dialling, never one whose record names an
 * incompatible fork id, and not again before a failed node's backoff ends. Inbound sessions beyond
 * their share are refused with TooManyPeers. {@link #evict} drops a useless peer (the node decides
 * what useless is) and pauses it; static peers are never evicted or refused.
 *
 * <p>Plain Java on one single-threaded executor: every call hops onto it, so the state needs no
 * locks. Stats are published as an immutable snapshot.
 */
public final class PeerManager implements SessionListener, NodeSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PeerManager.class);

    /** How often the manager asks discovery for more nodes when it has none to dial. */
    static final long MORE_NODES_EVERY_MILLIS = 5_000;

    private record Session(RlpxSession session, boolean inbound) {}

    private final PeerSettings settings;
    private final Function<Enode, CompletableFuture<RlpxSession>> dialer;
    private final ScheduledExecutorService loop;
    private final LongSupplier clock;
    private final Predicate<DiscoveredNode> compatible;
    private final Set<String> staticIds;
    private final Runnable moreNodes;
    private final Optional<NodeCache> cache;
    private final KnownNodes known;
    private final Map<String, Session> sessions = new HashMap<>();
    private final Map<String, Integer> ethVersions = new HashMap<>();
    private ScheduledFuture<?> ticker;
    private ScheduledFuture<?> saver;
    private long lastMoreNodes = Long.MIN_VALUE / 2;
    private long dialFailures;
    private volatile PeerManagerStats stats = PeerManagerStats.EMPTY;
    private boolean closed;

    /**
     * @param compatible whether a node may be dialled (the node's fork-id filter on its record)
     * @param staticIds node ids (hex) of the static peers, dialled by the static-peer dialer
     * @param moreNodes asks discovery for more nodes (a random lookup); must not block
     */
    public PeerManager(
            PeerSettings settings,
            Function<Enode, CompletableFuture<RlpxSession>> dialer,
            ScheduledExecutorService loop,
            LongSupplier clock,
            Predicate<DiscoveredNode> compatible,
            Set<String> staticIds,
            Runnable moreNodes,
            Optional<NodeCache> cache) {
        this.settings = settings;
        this.dialer = dialer;
        this.loop = loop;
        this.clock = clock;
        this.compatible = compatible;
        this.staticIds = Set.copyOf(staticIds);
        this.moreNodes = moreNodes;
        this.cache = cache;
        this.known =
                new KnownNodes(
                        settings.maxKnownNodes(),
                        settings.dialBackoffMin().toMillis(),
                        settings.dialBackoffMax().toMillis(),
                        settings.evictionBackoff().toMillis());
    }

    /** Loads the node cache and starts dialling. */
    public void start() {
        run(
                () -> {
                    cache.ifPresent(
                            c -> c.load().forEach(node -> known.offer(node, Source.NODE_CACHE)));
                    ticker = loop.scheduleWithFixedDelay(this::tick, 0, 1, TimeUnit.SECONDS);
                    long every = settings.cacheInterval().toMillis();
                    saver =
                            loop.scheduleWithFixedDelay(
                                    this::saveCache, every, every, TimeUnit.MILLISECONDS);
                });
    }

    @Override
    public void offer(DiscoveredNode node, Source source) {
        if (staticIds.contains(node.publicKeyHex())) {
            return;
        }
        run(
                () -> {
                    known.offer(node, source);
                    publish();
                });
    }

    @Override
    public void onSessionActive(RlpxSession session) {
        run(() -> admit(session));
    }

    /** A session's eth handshake succeeded with this version. */
    public void ethReady(String nodeIdHex, int version) {
        run(
                () -> {
                    if (sessions.containsKey(nodeIdHex)) {
                        ethVersions.put(nodeIdHex, version);
                        publish();
                    }
                });
    }

    /** Drops a useless peer and does not dial it again before {@code eviction-backoff}. */
    public void evict(String nodeIdHex, EvictionReason reason) {
        run(
                () -> {
                    if (staticIds.contains(nodeIdHex)) {
                        LOG.debug(
                                "keeping static peer {} though it looks useless: {}",
                                shortId(nodeIdHex),
                                reason.description());
                        return;
                    }
                    known.evicted(nodeIdHex, reason, clock.getAsLong());
                    Session s = sessions.get(nodeIdHex);
                    LOG.info("evicting peer {}: {}", shortId(nodeIdHex), reason.description());
                    if (s != null) {
                        s.session().disconnect(DisconnectReason.USELESS_PEER);
                    }
                    publish();
                });
    }

    public PeerManagerStats stats() {
        return stats;
    }

    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            loop.execute(
                    () -> {
                        closed = true;
                        if (ticker != null) {
                            ticker.cancel(false);
                            saver.cancel(false);
                        }
                        saveCache();
                        done.complete(null);
                    });
            done.get(5, TimeUnit.SECONDS);
        } catch (RejectedExecutionException
                | java.util.concurrent.ExecutionException
                | java.util.concurrent.TimeoutException e) {
            LOG.debug("peer manager closed without saving its cache: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void admit(RlpxSession session) {
        String id = session.remoteNodeIdHex();
        boolean inbound = !session.isInitiator();
        boolean isStatic = staticIds.contains(id);
        if (closed) {
            return;
        }
        if (inbound && !isStatic && inboundCount() >= settings.maxInbound()) {
            LOG.debug(
                    "refusing inbound peer {}: {} inbound sessions",
                    shortId(id),
                    settings.maxInbound());
            session.disconnect(DisconnectReason.TOO_MANY_PEERS);
            return;
        }
        sessions.put(id, new Session(session, inbound));
        known.connected(id);
        session.closed()
                .whenComplete(
                        (reason, error) ->
                                run(
                                        () -> {
                                            if (sessions.remove(id) != null) {
                                                ethVersions.remove(id);
                                                known.disconnected(id, clock.getAsLong());
                                                publish();
                                            }
                                        }));
        publish();
    }

    private void tick() {
        if (closed) {
            return;
        }
        long now = clock.getAsLong();
        int outbound =
                (int)
                        sessions.values().stream()
                                .filter(
                                        s ->
                                                !s.inbound()
                                                        && !staticIds.contains(
                                                                s.session().remoteNodeIdHex()))
                                .count();
        int dialing = known.dialingCount();
        int slots =
                Math.min(
                        settings.targetOutbound() - outbound - dialing,
                        settings.maxConcurrentDials() - dialing);
        slots = Math.min(slots, settings.dialsPerSecond());
        if (slots > 0) {
            List<DiscoveredNode> due =
                    known.dueForDial(
                            now,
                            slots,
                            node ->
                                    !sessions.containsKey(node.publicKeyHex())
                                            && compatible.test(node));
            due.forEach(this::dial);
            if (due.size() < slots && now - lastMoreNodes >= MORE_NODES_EVERY_MILLIS) {
                lastMoreNodes = now;
                moreNodes.run();
            }
        }
        publish();
    }

    private void dial(DiscoveredNode node) {
        String id = node.publicKeyHex();
        known.dialing(id);
        LOG.debug("dialing {}", node);
        dialer.apply(node.enode())
                .whenComplete(
                        (session, error) ->
                                run(
                                        () -> {
                                            if (error != null) {
                                                dialFailures++;
                                                known.dialFailed(id, clock.getAsLong());
                                                LOG.atDebug()
                                                        .addArgument(node)
                                                        .addArgument(error::toString)
                                                        .log("dial of {} failed: {}");
                                            }
                                            publish();
                                        }));
    }

    private int inboundCount() {
        return (int) sessions.values().stream().filter(Session::inbound).count();
    }

    private void saveCache() {
        cache.ifPresent(
                c -> {
                    try {
                        c.save(known.worthCaching(settings.maxCachedNodes()));
                    } catch (RuntimeException e) {
                        LOG.warn("cannot save the node cache: {}", e.getMessage());
                    }
                });
    }

    private void publish() {
        Map<Integer, Integer> byVersion = new TreeMap<>();
        ethVersions.values().forEach(v -> byVersion.merge(v, 1, Integer::sum));
        int inbound = inboundCount();
        stats =
                new PeerManagerStats(
                        known.size(),
                        known.dialingCount(),
                        inbound,
                        sessions.size() - inbound,
                        byVersion,
                        known.evictedByReason(),
                        dialFailures);
    }

    private void run(Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    private static String shortId(String id) {
        return id.substring(0, Math.min(16, id.length())) + "…";
    }
}
