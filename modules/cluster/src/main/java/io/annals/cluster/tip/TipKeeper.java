package io.annals.cluster.tip;

import io.annals.cluster.directory.DirectoryHolder;
import io.annals.cluster.directory.DirectoryKeys;
import io.annals.cluster.range.RangeEntity;
import io.annals.cluster.range.RangeKeeper;
import io.annals.cluster.range.RangeMap;
import io.annals.sync.SyncSupervisor;
import io.annals.sync.head.HeadTracker;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * The tip, a cluster singleton: the one place that follows the head. On the host that runs it, it
 * watches the network head that host's peers agree on and has that host's engine follow it in
 * follow mode from a floor ({@link RangeKeeper.BecomeTip}): the window of the newest blocks, where
 * reorgs happen, lives on one host and is judged by one chain guard. Below the window the blocks
 * are sealed (head minus the rollback window); the tip publishes the sealed block ({@link
 * TipState}), and each range's owner syncs its range up to it. As the head crosses into a new range
 * the tip creates that range's entity.
 *
 * <p>When its host leaves or dies, the singleton starts on another host (once the Split Brain
 * Resolver has downed the dead one): it reads the last published state and follows from the block
 * after the last sealed one, so nothing between the old host's window and the new head is left
 * without an owner.
 */
public final class TipKeeper extends AbstractBehavior<TipKeeper.Command> {

    public sealed interface Command {}

    /** The singleton's stop message (handover to another host). */
    public enum Stop implements Command {
        INSTANCE
    }

    private record HeadMoved(long head) implements Command {}

    private record Published() implements Command {}

    private record MembersChanged(ClusterEvent.MemberEvent event) implements Command {}

    /** What the tip works with on the host where it runs. */
    public record Wiring(
            String self,
            RangeMap ranges,
            long rollbackWindow,
            int minMembers,
            ActorRef<SyncSupervisor.Command> engine,
            ActorRef<RangeKeeper.Command> keeper,
            DirectoryHolder directory) {}

    private final Wiring wiring;
    private final ClusterSharding sharding;
    private final ActorRef<Replicator.Command> replicator;
    private final SelfUniqueAddress node;
    private final ActorRef<Replicator.UpdateResponse<LWWRegister<TipState>>> published;
    private long floor = -1;
    private long head = -1;
    private long sealedThrough;
    private long createdThrough = -1;

    /** Whether ranges existed before this tip started (a tip ran before it): then nothing waits. */
    private final boolean rangesExist;

    private final java.util.Set<org.apache.pekko.actor.Address> up = new java.util.HashSet<>();

    public static Behavior<Command> create(Wiring wiring) {
        return Behaviors.setup(context -> new TipKeeper(context, wiring));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private TipKeeper(ActorContext<Command> context, Wiring wiring) {
        super(context);
        this.wiring = wiring;
        this.sharding = ClusterSharding.get(context.getSystem());
        DistributedData ddata = DistributedData.get(context.getSystem());
        this.replicator = ddata.replicator();
        this.node = ddata.selfUniqueAddress();
        this.published =
                context.messageAdapter(
                        (Class) Replicator.UpdateResponse.class, r -> new Published());
        Optional<TipState> previous = wiring.directory().get().tip();
        this.sealedThrough =
                previous.map(TipState::sealedThrough).orElse(wiring.ranges().startBlock() - 1);
        this.rangesExist = previous.isPresent();
        this.createdThrough = wiring.ranges().firstRange() - 1;
        context.getLog()
                .info(
                        "the tip starts on this host{}",
                        previous.map(
                                        p ->
                                                " (it ran on "
                                                        + shortId(p.member())
                                                        + ", sealed through "
                                                        + p.sealedThrough()
                                                        + ")")
                                .orElse(""));
        wiring.engine()
                .tell(
                        new SyncSupervisor.WatchHead(
                                context.messageAdapter(
                                        HeadTracker.HeadMoved.class,
                                        moved -> new HeadMoved(moved.networkHead()))));
        Cluster.get(context.getSystem())
                .subscriptions()
                .tell(
                        Subscribe.create(
                                context.messageAdapter(
                                        ClusterEvent.MemberEvent.class, MembersChanged::new),
                                ClusterEvent.MemberEvent.class));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(HeadMoved.class, this::onHeadMoved)
                .onMessage(Published.class, published -> this)
                .onMessage(MembersChanged.class, this::onMembersChanged)
                .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                .onSignal(PostStop.class, stopped -> onStopped())
                .build();
    }

    private Behavior<Command> onHeadMoved(HeadMoved moved) {
        if (moved.head() <= head) {
            return this;
        }
        head = moved.head();
        sealedThrough = Math.max(sealedThrough, head - wiring.rollbackWindow());
        if (floor < 0) {
            // the window is always the blocks above the sealed ones: a tip that starts here after
            // another host's follows from the block after the last one that host sealed
            floor = Math.max(wiring.ranges().startBlock(), sealedThrough + 1);
            wiring.keeper().tell(new RangeKeeper.BecomeTip(floor));
        }
        createEntities();
        TipState state = new TipState(head, sealedThrough, floor, wiring.self());
        replicator.tell(
                new Replicator.Update<>(
                        DirectoryKeys.TIP,
                        LWWRegister.create(node, state),
                        Replicator.writeLocal(),
                        published,
                        register -> register.withValue(node, state)));
        return this;
    }

    /** The members up, from the events themselves (the cluster's state snapshot may lag them). */
    private Behavior<Command> onMembersChanged(MembersChanged changed) {
        ClusterEvent.MemberEvent event = changed.event();
        if (event.member().status() == MemberStatus.up()) {
            up.add(event.member().address());
        } else {
            up.remove(event.member().address());
        }
        return createEntities();
    }

    /**
     * Every range up to the head's has an entity (remembered; a repeated Start is nothing), once
     * {@code min-members} are up: the first host to start does not take every range only to hand
     * most of them off again. Only the cluster's first tip waits (Pekko's own min-nr-of-members
     * would also hold back allocation after a host is lost, whenever fewer remain). A tip that
     * takes over sends every range a Start again: the lost host's shards start wherever they are
     * allocated next, even if the coordinator, a singleton on the same oldest host, has lost track
     * of them.
     */
    private Behavior<Command> createEntities() {
        if (head < 0) {
            return this;
        }
        if (up.size() < wiring.minMembers() && !rangesExist) {
            getContext()
                    .getLog()
                    .info("{} of {} members up: ranges wait", up.size(), wiring.minMembers());
            return this;
        }
        long range = wiring.ranges().rangeOf(head);
        for (long r = createdThrough + 1; r <= range; r++) {
            sharding.entityRefFor(RangeEntity.KEY, RangeMap.entityId(r))
                    .tell(new RangeEntity.Start());
        }
        createdThrough = Math.max(createdThrough, range);
        return this;
    }

    private Behavior<Command> onStopped() {
        wiring.keeper().tell(new RangeKeeper.StopTip());
        return this;
    }

    private static String shortId(String member) {
        return member.substring(0, Math.min(16, member.length()));
    }
}
