package io.annals.cluster.range;

import io.annals.cluster.directory.Directory;
import io.annals.cluster.directory.DirectoryHolder;
import io.annals.cluster.directory.DirectoryKeys;
import io.annals.cluster.directory.HeldRun;
import io.annals.cluster.directory.Holding;
import io.annals.cluster.directory.MemberCard;
import io.annals.cluster.handover.Handovers;
import io.annals.cluster.tip.TipState;
import io.annals.store.BlockRange;
import io.annals.store.HistoryStore;
import io.annals.sync.SyncSupervisor;
import io.annals.sync.head.HeadTracker;
import io.annals.sync.model.SyncMode;
import io.annals.sync.scheduler.Scheduler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.cluster.ddata.LWWRegister;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * What this host's sync engine syncs, in a cluster. The engine's head tracker adds no ranges here
 * ({@code SyncChildren.externalTarget}); the keeper does, from the ranges whose entities run on
 * this host ({@link Own}, {@link Disown}), the sealed block the tip publishes, and, while this host
 * runs the tip ({@link BecomeTip}), the window from its floor up to the network head. Each change
 * goes to the scheduler as {@code AddRange} (minus what the store holds) and {@code WithdrawRange}
 * ({@link TargetSet}); the engine runs in follow mode exactly while this host runs the tip. It
 * publishes what it owns ({@link OwnershipHolder}) for the store's view of the contiguous head and
 * for the holdings, and when a range arrives that another live host still holds, it has this host
 * dial that one and use it as a peer for its run ({@link Handovers}).
 */
public final class RangeKeeper extends AbstractBehavior<RangeKeeper.Command> {

    public sealed interface Command {}

    /** The entity of {@code range} started on this host. */
    public record Own(long range) implements Command {}

    /** The entity of {@code range} stopped here (handed off, or the host is leaving). */
    public record Disown(long range) implements Command {}

    /** This host runs the tip from now on: sync {@code floor} up to the network head. */
    public record BecomeTip(long floor) implements Command {}

    /** The tip left this host. */
    public record StopTip() implements Command {}

    public record GetStatus(ActorRef<KeeperStatus> replyTo) implements Command {}

    private record GatewayReady(ActorRef<Scheduler.Command> gateway) implements Command {}

    private record HeadMoved(long head) implements Command {}

    private record TipPublished(TipState tip) implements Command {}

    private record ModeSwitched(SyncMode mode) implements Command {}

    /** What the keeper is doing, for the status line and health. */
    public record KeeperStatus(
            SortedSet<Long> owned,
            long sealedThrough,
            OptionalLong tipFloor,
            long networkHead,
            SyncMode mode,
            List<BlockRange> syncing) {}

    /** Where the keeper's inputs and outputs are. */
    public record Wiring(
            ActorRef<SyncSupervisor.Command> engine,
            HistoryStore store,
            OwnershipHolder ownership,
            DirectoryHolder directory,
            Handovers handovers,
            Consumer<String> dial) {}

    private final RangeMap ranges;
    private final Wiring wiring;
    private final TargetSet target;
    private ActorRef<Scheduler.Command> gateway;
    private SyncMode mode = SyncMode.HISTORICAL;
    private SyncMode requestedMode = SyncMode.HISTORICAL;
    private final List<BlockRange> syncing = new ArrayList<>();

    public static Behavior<Command> create(RangeMap ranges, Wiring wiring) {
        return Behaviors.setup(context -> new RangeKeeper(context, ranges, wiring));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private RangeKeeper(ActorContext<Command> context, RangeMap ranges, Wiring wiring) {
        super(context);
        this.ranges = ranges;
        this.wiring = wiring;
        this.target = new TargetSet(ranges);
        wiring.engine()
                .tell(
                        new SyncSupervisor.GetScheduler(
                                context.messageAdapter(
                                        (Class) ActorRef.class,
                                        ref ->
                                                new GatewayReady(
                                                        (ActorRef<Scheduler.Command>) ref))));
        wiring.engine()
                .tell(
                        new SyncSupervisor.WatchHead(
                                context.messageAdapter(
                                        HeadTracker.HeadMoved.class,
                                        moved -> new HeadMoved(moved.networkHead()))));
        DistributedData.get(context.getSystem())
                .replicator()
                .tell(
                        new Replicator.Subscribe<>(
                                DirectoryKeys.TIP,
                                context.messageAdapter(
                                        (Class) Replicator.SubscribeResponse.class,
                                        response ->
                                                new TipPublished(
                                                        tipOf(
                                                                (Replicator.SubscribeResponse<
                                                                                LWWRegister<
                                                                                        TipState>>)
                                                                        response)))));
    }

    private static TipState tipOf(Replicator.SubscribeResponse<LWWRegister<TipState>> response) {
        if (response instanceof Replicator.Changed<LWWRegister<TipState>> changed) {
            return changed.dataValue().getValue();
        }
        return null;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Own.class, this::onOwn)
                .onMessage(Disown.class, this::onDisown)
                .onMessage(BecomeTip.class, this::onBecomeTip)
                .onMessage(StopTip.class, this::onStopTip)
                .onMessage(GetStatus.class, this::onGetStatus)
                .onMessage(GatewayReady.class, this::onGatewayReady)
                .onMessage(HeadMoved.class, this::onHeadMoved)
                .onMessage(TipPublished.class, this::onTipPublished)
                .onMessage(ModeSwitched.class, this::onModeSwitched)
                .build();
    }

    private Behavior<Command> onOwn(Own own) {
        if (own.range() < ranges.firstRange()) {
            return this;
        }
        getContext()
                .getLog()
                .info("range {} ({}) is this host's now", own.range(), ranges.bounds(own.range()));
        target.own(own.range());
        preferPreviousHolder(own.range());
        return apply();
    }

    private Behavior<Command> onDisown(Disown disown) {
        getContext().getLog().info("range {} handed off", disown.range());
        target.disown(disown.range());
        return apply();
    }

    private Behavior<Command> onBecomeTip(BecomeTip tip) {
        getContext()
                .getLog()
                .info("this host runs the tip: following the head from block {}", tip.floor());
        target.becomeTip(tip.floor());
        return apply();
    }

    private Behavior<Command> onStopTip(StopTip stop) {
        if (target.tipFloor().isPresent()) {
            getContext().getLog().info("the tip left this host");
        }
        target.stopTip();
        return apply();
    }

    private Behavior<Command> onGatewayReady(GatewayReady ready) {
        gateway = ready.gateway();
        return apply();
    }

    private Behavior<Command> onHeadMoved(HeadMoved moved) {
        target.head(moved.head());
        return target.tipFloor().isPresent() ? apply() : this;
    }

    private Behavior<Command> onTipPublished(TipPublished published) {
        if (published.tip() == null) {
            return this;
        }
        long before = target.sealedThrough();
        target.sealedThrough(published.tip().sealedThrough());
        return target.sealedThrough() == before ? this : apply();
    }

    private Behavior<Command> onModeSwitched(ModeSwitched switched) {
        mode = switched.mode();
        return this;
    }

    private Behavior<Command> onGetStatus(GetStatus request) {
        request.replyTo()
                .tell(
                        new KeeperStatus(
                                new TreeSet<>(target.owned()),
                                target.sealedThrough(),
                                target.tipFloor(),
                                target.headSeen(),
                                mode,
                                List.copyOf(syncing)));
        return this;
    }

    /** Publishes what is owned, tells the scheduler what changed and sets the engine's mode. */
    private Behavior<Command> apply() {
        wiring.ownership().set(new Ownership(target.owned(), target.required()));
        if (gateway == null) {
            return this; // the changes wait for the gateway: TargetSet remembers nothing was sent
        }
        TargetSet.Changes changes = target.changes(wiring.store()::missingIn);
        for (BlockRange run : changes.withdraw()) {
            gateway.tell(new Scheduler.WithdrawRange(run));
            syncing.removeIf(range -> range.first() >= run.first() && range.last() <= run.last());
        }
        for (BlockRange run : changes.add()) {
            gateway.tell(new Scheduler.AddRange(run));
            syncing.add(run);
        }
        if (!changes.isEmpty()) {
            getContext().getLog().debug("target: +{} -{}", changes.add(), changes.withdraw());
        }
        SyncMode wanted = target.tipFloor().isPresent() ? SyncMode.FOLLOW : SyncMode.HISTORICAL;
        if (wanted != requestedMode) {
            requestedMode = wanted;
            wiring.engine()
                    .tell(
                            new SyncSupervisor.SwitchMode(
                                    wanted,
                                    getContext()
                                            .messageAdapter(
                                                    SyncSupervisor.ModeSwitched.class,
                                                    switched ->
                                                            new ModeSwitched(switched.mode()))));
        }
        return this;
    }

    /**
     * A range that another live host holds blocks of: dial that host and use it as a peer for the
     * run holding most of the part this host must sync (up to the sealed block; the tip's window
     * above it is not this host's to fetch, and the scheduler only hands out what was added).
     * Usually its previous owner: it serves its store over devp2p.
     */
    private void preferPreviousHolder(long range) {
        Directory directory = wiring.directory().get();
        BlockRange bounds = ranges.bounds(range);
        long top = Math.min(bounds.last(), target.sealedThrough());
        if (top < bounds.first()) {
            return;
        }
        Optional<Map.Entry<String, HeldRun>> best = Optional.empty();
        for (Holding holding : directory.holdingsOf(range)) {
            if (holding.member().equals(directory.self()) || !directory.isLive(holding.member())) {
                continue;
            }
            for (HeldRun run : holding.runs()) {
                if (run.first() > top) {
                    continue;
                }
                if (best.isEmpty() || clipped(run, top) > clipped(best.get().getValue(), top)) {
                    best = Optional.of(Map.entry(holding.member(), run));
                }
            }
        }
        if (best.isEmpty()) {
            return;
        }
        MemberCard card = directory.members().get(best.get().getKey());
        HeldRun run = best.get().getValue();
        if (card == null) {
            return;
        }
        getContext()
                .getLog()
                .info(
                        "range {}: asking {} for blocks {}..{} first (it holds them)",
                        range,
                        card.peerId(),
                        run.first(),
                        run.last());
        wiring.handovers().prefer(card.peerId(), run);
        wiring.dial().accept(card.enode());
    }

    private static long clipped(HeldRun run, long top) {
        return Math.min(run.last(), top) - run.first() + 1;
    }
}
