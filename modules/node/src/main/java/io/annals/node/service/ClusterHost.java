package io.annals.node.service;

import com.typesafe.config.Config;
import io.annals.cluster.ClusterConfig;
import io.annals.cluster.ClusterNode;
import io.annals.cluster.ClusterSettings;
import io.annals.cluster.ClusterStatus;
import io.annals.cluster.handover.Handovers;
import io.annals.cluster.range.OwnedStore;
import io.annals.cluster.range.OwnershipHolder;
import io.annals.rpc.eth.SyncStatusSource;
import io.annals.rpc.health.HealthSnapshot;
import io.annals.rpc.health.HealthSource;
import io.annals.store.HistoryReader;
import io.annals.store.HistoryStore;
import io.annals.sync.SyncChildren;
import io.annals.sync.link.PeerLink;
import io.annals.sync.write.SyncStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.pekko.Done;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's part of the cluster, when {@code annals.cluster.enabled}: the actor system's cluster
 * configuration, the engine's children (the head tracker adds no ranges: the cluster gives them),
 * its view of the store (contiguous over the ranges this host owns), the link wrapper for hosts it
 * takes ranges over from, then the {@link ClusterNode} itself, the history every host reads, and
 * the leave at shutdown. With the cluster off each method gives what a single host uses, so the
 * node's code path is the same.
 */
final class ClusterHost {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterHost.class);

    private final Optional<ClusterSettings> settings;
    private final OwnershipHolder ownership = new OwnershipHolder();
    private final Handovers handovers = new Handovers();
    private final CompletableFuture<String> downed = new CompletableFuture<>();
    private ClusterNode node;

    private ClusterHost(Optional<ClusterSettings> settings) {
        this.settings = settings;
    }

    static ClusterHost of(Config config) {
        ClusterSettings settings = ClusterSettings.fromConfig(config);
        return new ClusterHost(settings.enabled() ? Optional.of(settings) : Optional.empty());
    }

    boolean enabled() {
        return settings.isPresent();
    }

    /** The node's configuration with the cluster's actor-system settings over it. */
    Config config(Config config, Path dataDir) {
        return settings.map(s -> ClusterConfig.overlay(s, dataDir).withFallback(config))
                .orElse(config);
    }

    SyncStore syncStore(HistoryStore store) {
        return enabled() ? OwnedStore.of(store, ownership) : SyncStore.of(store);
    }

    SyncChildren children(SyncStore store) {
        return enabled() ? SyncChildren.externalTarget(store) : SyncChildren.standard(store);
    }

    UnaryOperator<PeerLink> linkWrapper() {
        return enabled() ? handovers::wrap : UnaryOperator.identity();
    }

    /** Joins the cluster (once the engine and devp2p run); nothing on a single host. */
    void start(SyncService engine, HistoryStore store, P2pStack p2p, long rollbackWindow) {
        if (!enabled()) {
            return;
        }
        node =
                ClusterNode.start(
                        engine.system(),
                        settings.get(),
                        new ClusterNode.Host(
                                p2p.enode().nodeIdHex(),
                                p2p.enode().toString(),
                                store,
                                rollbackWindow,
                                engine.supervisor(),
                                ownership,
                                handovers,
                                p2p::dial));
        node.terminated()
                .thenAccept(
                        wasDowned -> {
                            if (wasDowned) {
                                downed.complete("the cluster downed this host");
                            }
                        });
    }

    /** What the RPC reads: the whole cluster's history, or this store. */
    HistoryReader history(HistoryStore store) {
        return node != null ? node.history() : store;
    }

    /** Completes when the cluster downed this host (it then shuts down by itself). */
    CompletableFuture<String> downed() {
        return downed;
    }

    Optional<ClusterNode> node() {
        return Optional.ofNullable(node);
    }

    /**
     * /health on a cluster host: this host's engine (its mode, its stall report), with the
     * cluster's head and lag and the cluster's view added.
     */
    HealthSource health(HealthSource local) {
        if (node == null) {
            return local;
        }
        return () ->
                local.snapshot()
                        .thenApply(
                                snapshot -> {
                                    ClusterStatus status = node.status();
                                    long head = status.head().orElse(-1);
                                    long network = status.tip().map(t -> t.head()).orElse(head);
                                    return new HealthSnapshot(
                                            snapshot.syncMode(),
                                            head,
                                            Math.max(0, network - head),
                                            snapshot.stalled(),
                                            snapshot.stallReport(),
                                            snapshot.stallDetails(),
                                            view(status));
                                });
    }

    /**
     * eth_syncing on a cluster host: synced once the cluster's head is within {@code syncedLag} of
     * the head the tip follows (as one node answers once it follows the head); catching up before,
     * with the cluster's head as the current block.
     */
    SyncStatusSource syncStatus(SyncStatusSource local, long startingBlock, long syncedLag) {
        if (node == null) {
            return local;
        }
        return () -> {
            var directory = node.directory();
            if (directory.tip().isEmpty()) {
                return Optional.empty();
            }
            long network = directory.tip().get().head();
            long current = directory.head().orElse(startingBlock);
            if (network - current <= syncedLag) {
                return Optional.empty();
            }
            return Optional.of(
                    new SyncStatusSource.SyncProgress(
                            startingBlock, current, Math.max(current, network)));
        };
    }

    /**
     * Runs {@code drain} (stop taking peers, let the writer flush, checkpoint) in the last phase
     * before the actor system ends, whether this host leaves or is downed.
     */
    void beforeTermination(Runnable drain) {
        if (node != null) {
            node.beforeTermination(
                    "annals-drain-sync",
                    () ->
                            CompletableFuture.runAsync(drain)
                                    .thenApply(ignored -> Done.getInstance()));
        }
    }

    /**
     * Leaves the cluster: ranges handed off, this host's blocks held elsewhere (within the handover
     * timeout), then the drain, then the actor system ends. Waits at most {@code max}.
     */
    void leave(Duration max) {
        if (node == null) {
            return;
        }
        try {
            node.leave().toCompletableFuture().get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("leaving the cluster did not finish within {}: {}", max, e.toString());
        }
    }

    /** The cluster's state as /health shows it. */
    static Map<String, Object> view(ClusterStatus status) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("self", status.self());
        view.put("headBlock", status.head().isPresent() ? status.head().getAsLong() : -1);
        view.put("handoffsInFlight", status.handoffs());
        view.put("unreachableMembers", status.unreachable());
        status.tip()
                .ifPresent(
                        tip -> {
                            Map<String, Object> t = new LinkedHashMap<>();
                            t.put("member", tip.member());
                            t.put("head", tip.head());
                            t.put("sealedThrough", tip.sealedThrough());
                            view.put("tip", t);
                        });
        List<Map<String, Object>> members = new ArrayList<>();
        for (ClusterStatus.Member member : status.members()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("member", member.member());
            m.put("address", member.address());
            m.put("state", member.state());
            m.put("reachable", member.reachable());
            m.put("rangesOwned", member.rangesOwned());
            m.put("blocksHeld", member.blocksHeld());
            members.add(m);
        }
        view.put("members", members);
        List<Map<String, Object>> ranges = new ArrayList<>();
        for (ClusterStatus.Range range : status.ranges()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("range", range.range());
            r.put("firstBlock", range.first());
            r.put("lastBlock", range.last());
            r.put("owner", range.owner());
            r.put("heldBlocks", range.held());
            r.put("wantedBlocks", range.wanted());
            r.put("moving", range.moving());
            ranges.add(r);
        }
        view.put("ranges", ranges);
        return view;
    }
}
