package io.annals.cluster;

import io.annals.cluster.directory.Directory;
import io.annals.cluster.directory.DirectoryHolder;
import io.annals.cluster.directory.DirectoryView;
import io.annals.cluster.directory.MemberCard;
import io.annals.cluster.handover.Handovers;
import io.annals.cluster.range.HoldingsPublisher;
import io.annals.cluster.range.OwnershipHolder;
import io.annals.cluster.range.RangeEntity;
import io.annals.cluster.range.RangeKeeper;
import io.annals.cluster.range.RangeMap;
import io.annals.cluster.read.ClusterHistory;
import io.annals.cluster.read.ReadService;
import io.annals.cluster.read.ReaderRoster;
import io.annals.cluster.tip.TipKeeper;
import io.annals.store.HistoryReader;
import io.annals.store.HistoryStore;
import io.annals.sync.SyncSupervisor;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This host as a member of the cluster: started by the node in the actor system of its sync engine
 * (configured with {@link ClusterConfig#overlay}), once the engine and devp2p run. It starts the
 * directory view, the read service, the range keeper, the holdings publisher, the range entities'
 * sharding region and the tip singleton, then joins the seed nodes. The node reads the whole
 * cluster's history through {@link #history()} and its state through {@link #status()}.
 *
 * <p>Leaving ({@link #leave()}, on SIGTERM) is Pekko's coordinated shutdown with one phase of ours:
 * the region hands its ranges off, then this host waits (within {@code handover-timeout}) until
 * other live hosts hold everything it held of them, serving its store over devp2p and to reads all
 * the while, and only then leaves the cluster; the node's own drain runs before the actor system
 * ends ({@link #beforeTermination}). A host the cluster downs (the minority side of a partition)
 * runs the same shutdown by itself; {@link #terminated()} tells the node.
 */
public final class ClusterNode {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    /** The actor system's name: every host's must be the same to form one cluster. */
    public static final String SYSTEM_NAME = "annals";

    private final ActorSystem<?> system;
    private final ClusterSettings settings;
    private final RangeMap ranges;
    private final String self;
    private final HistoryStore store;
    private final DirectoryHolder directory;
    private final ClusterHistory history;
    private final ActorRef<RangeKeeper.Command> keeper;
    private final CompletionStage<Optional<CoordinatedShutdown.Reason>> shutdownEnd;

    private ClusterNode(
            ActorSystem<?> system,
            ClusterSettings settings,
            RangeMap ranges,
            String self,
            HistoryStore store,
            DirectoryHolder directory,
            ClusterHistory history,
            ActorRef<RangeKeeper.Command> keeper) {
        this.system = system;
        this.settings = settings;
        this.ranges = ranges;
        this.self = self;
        this.store = store;
        this.directory = directory;
        this.history = history;
        this.keeper = keeper;
        this.shutdownEnd = ShutdownEnd.of(system);
    }

    /** What a host brings to the cluster. */
    public record Host(
            String memberId,
            String enode,
            HistoryStore store,
            long rollbackWindow,
            ActorRef<SyncSupervisor.Command> engine,
            OwnershipHolder ownership,
            Handovers handovers,
            Consumer<String> dial) {}

    public static ClusterNode start(ActorSystem<?> system, ClusterSettings settings, Host host) {
        RangeMap ranges = new RangeMap(host.store().startBlock(), settings.shardBlocks());
        String self = host.memberId();
        Cluster cluster = Cluster.get(system);
        DirectoryHolder directory = new DirectoryHolder(Directory.empty(ranges, self));
        system.systemActorOf(
                DirectoryView.create(ranges, self, directory), "annals-directory", Props.empty());
        system.systemActorOf(
                ReadService.create(host.store(), settings.maxReadsInFlight()),
                "annals-reads",
                Props.empty());
        ReaderRoster.Readers readers = new ReaderRoster.Readers();
        system.systemActorOf(ReaderRoster.create(readers), "annals-readers", Props.empty());
        ActorRef<RangeKeeper.Command> keeper =
                system.systemActorOf(
                        RangeKeeper.create(
                                ranges,
                                new RangeKeeper.Wiring(
                                        host.engine(),
                                        host.store(),
                                        host.ownership(),
                                        directory,
                                        host.handovers(),
                                        host.dial())),
                        "annals-ranges",
                        Props.empty());
        MemberCard card =
                new MemberCard(self, cluster.selfMember().address().toString(), host.enode());
        system.systemActorOf(
                HoldingsPublisher.create(
                        new HoldingsPublisher.Settings(
                                self, ranges, settings.publishInterval(), settings.keepLeftovers()),
                        card,
                        host.store(),
                        host.ownership(),
                        directory),
                "annals-holdings",
                Props.empty());
        ClusterSharding.get(system)
                .init(
                        Entity.of(
                                        RangeEntity.KEY,
                                        context ->
                                                RangeEntity.create(
                                                        RangeMap.index(context.getEntityId()),
                                                        keeper))
                                .withStopMessage(RangeEntity.Handoff.INSTANCE)
                                .withMessageExtractor(new OneRangePerShard()));
        ClusterSingleton.get(system)
                .init(
                        SingletonActor.of(
                                        Behaviors.supervise(
                                                        TipKeeper.create(
                                                                new TipKeeper.Wiring(
                                                                        self,
                                                                        ranges,
                                                                        host.rollbackWindow(),
                                                                        settings.minMembers(),
                                                                        host.engine(),
                                                                        keeper,
                                                                        directory)))
                                                .onFailure(
                                                        SupervisorStrategy.restartWithBackoff(
                                                                Duration.ofSeconds(1),
                                                                Duration.ofSeconds(10),
                                                                0.2)),
                                        "annals-tip")
                                .withStopMessage(TipKeeper.Stop.INSTANCE));
        ClusterHistory history =
                new ClusterHistory(
                        host.store(),
                        directory,
                        readers,
                        system.scheduler(),
                        settings.readTimeout());
        ClusterNode node =
                new ClusterNode(
                        system, settings, ranges, self, host.store(), directory, history, keeper);
        node.addHandoverPhase();
        List<Address> seeds =
                settings.seedNodes().stream()
                        .map(
                                seed ->
                                        AddressFromURIString.parse(
                                                "pekko://" + SYSTEM_NAME + "@" + seed))
                        .toList();
        cluster.manager().tell(new JoinSeedNodes(seeds));
        LOG.info(
                "cluster: member {} at {}, joining {} ({} blocks per range)",
                self.substring(0, Math.min(16, self.length())),
                cluster.selfMember().address(),
                seeds,
                settings.shardBlocks());
        return node;
    }

    /** The whole cluster's history, for the JSON-RPC history methods. */
    public HistoryReader history() {
        return history;
    }

    public RangeMap ranges() {
        return ranges;
    }

    /** The directory as this host sees it now. */
    public Directory directory() {
        return directory.get();
    }

    /** The cluster's state now (never blocks). */
    public ClusterStatus status() {
        Map<String, String> states = new HashMap<>();
        Map<String, Boolean> reachable = new HashMap<>();
        org.apache.pekko.cluster.ClusterEvent.CurrentClusterState state =
                Cluster.get(system).state();
        for (Member member : state.getMembers()) {
            states.put(member.address().toString(), member.status().toString().toLowerCase());
            reachable.put(member.address().toString(), true);
        }
        for (Member member : state.getUnreachable()) {
            reachable.put(member.address().toString(), false);
        }
        return ClusterStatus.of(directory.get(), states, reachable);
    }

    /** The messages and bytes this host sent to other hosts. */
    public io.annals.cluster.wire.RemoteTraffic traffic() {
        return io.annals.cluster.wire.RemoteTraffic.get(Adapter.toClassic(system));
    }

    /** The keeper's view: owned ranges, the sealed block, the tip window, the engine's mode. */
    public CompletionStage<RangeKeeper.KeeperStatus> keeperStatus() {
        return org.apache.pekko.actor.typed.javadsl.AskPattern.ask(
                keeper, RangeKeeper.GetStatus::new, Duration.ofSeconds(3), system.scheduler());
    }

    /**
     * Runs {@code task} in the last phase before the actor system ends (the node's drain of the
     * sync engine, its checkpoint), whether the host leaves or is downed.
     */
    public void beforeTermination(String name, Supplier<CompletionStage<Done>> task) {
        CoordinatedShutdown.get(Adapter.toClassic(system))
                .addTask(CoordinatedShutdown.PhaseBeforeActorSystemTerminate(), name, task);
    }

    /** Leaves the cluster gracefully (see the class comment); completes when the system is down. */
    public CompletionStage<Done> leave() {
        return CoordinatedShutdown.get(Adapter.toClassic(system))
                .run(CoordinatedShutdown.clusterLeavingReason(), java.util.Optional.empty());
    }

    /**
     * Completes when this host's shutdown is over (its actor system ended, or its last phase ran:
     * see {@link ShutdownEnd}), with whether the cluster downed it (rather than this host leaving).
     */
    public CompletionStage<Boolean> terminated() {
        return shutdownEnd.thenApply(
                reason ->
                        reason.map(r -> r == CoordinatedShutdown.clusterDowningReason())
                                .orElse(false));
    }

    /**
     * The leaving host's own phase: after its region handed its ranges off, wait until other live
     * hosts hold every block it holds of them.
     */
    private void addHandoverPhase() {
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(Adapter.toClassic(system));
        shutdown.addTask(
                ClusterConfig.HANDOVER_PHASE,
                "await-ranges-held-elsewhere",
                () -> {
                    if (shutdown.getShutdownReason()
                            .map(r -> r == CoordinatedShutdown.clusterDowningReason())
                            .orElse(false)) {
                        return CompletableFuture.completedFuture(Done.getInstance());
                    }
                    return new HandoverWait(directory, store, ranges, system)
                            .await(settings.handoverTimeout().minusSeconds(1));
                });
    }

    /** Shard id = entity id: each range is allocated, moved and remembered on its own. */
    private static final class OneRangePerShard
            extends ShardingMessageExtractor<
                    ShardingEnvelope<RangeEntity.Command>, RangeEntity.Command> {
        @Override
        public String entityId(ShardingEnvelope<RangeEntity.Command> envelope) {
            return envelope.entityId();
        }

        @Override
        public String shardId(String entityId) {
            return entityId;
        }

        @Override
        public RangeEntity.Command unwrapMessage(ShardingEnvelope<RangeEntity.Command> envelope) {
            return envelope.message();
        }
    }
}
