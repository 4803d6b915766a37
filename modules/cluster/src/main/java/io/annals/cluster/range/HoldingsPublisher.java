package io.annals.cluster.range;

import io.annals.cluster.directory.Directory;
import io.annals.cluster.directory.DirectoryHolder;
import io.annals.cluster.directory.DirectoryKeys;
import io.annals.cluster.directory.Holding;
import io.annals.cluster.directory.MemberCard;
import io.annals.cluster.read.ReadService;
import io.annals.store.BlockRange;
import io.annals.store.HistoryStore;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ddata.LWWMap;
import org.apache.pekko.cluster.ddata.SelfUniqueAddress;
import org.apache.pekko.cluster.ddata.typed.javadsl.DistributedData;
import org.apache.pekko.cluster.ddata.typed.javadsl.Replicator;

/**
 * Publishes what this host's store holds to the directory, once per interval: one {@link Holding}
 * per range it owns or has blocks of (only the ones that changed are written), its {@link
 * MemberCard} at start. The store is the record; this is its summary for the other hosts (they
 * route reads by it and compute the cluster's head from it). On the same beat it removes the stale
 * holdings of hosts that are gone once this host holds their blocks itself, and, unless leftovers
 * are kept, drops blocks of ranges it no longer owns once their owner holds them.
 */
public final class HoldingsPublisher extends AbstractBehavior<HoldingsPublisher.Command> {

    public sealed interface Command {}

    private enum Tick implements Command {
        INSTANCE
    }

    private record Computed(Map<String, Holding> mine, Throwable failure) implements Command {}

    private record Dropped(long blocks, Throwable failure) implements Command {}

    private record Updated() implements Command {}

    /** Settings of the publisher. */
    public record Settings(
            String self, RangeMap ranges, Duration interval, boolean keepLeftovers) {}

    private final Settings settings;
    private final HistoryStore store;
    private final OwnershipHolder ownership;
    private final DirectoryHolder directory;
    private final Executor blocking;
    private final ActorRef<Replicator.Command> replicator;
    private final SelfUniqueAddress node;
    private final ActorRef<Replicator.UpdateResponse<LWWMap<String, Holding>>> updated;
    private Map<String, Holding> published = Map.of();
    private boolean computing;
    private boolean dropping;

    public static Behavior<Command> create(
            Settings settings,
            MemberCard card,
            HistoryStore store,
            OwnershipHolder ownership,
            DirectoryHolder directory) {
        return Behaviors.setup(
                context ->
                        Behaviors.withTimers(
                                timers ->
                                        new HoldingsPublisher(
                                                context, timers, settings, card, store, ownership,
                                                directory)));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private HoldingsPublisher(
            ActorContext<Command> context,
            TimerScheduler<Command> timers,
            Settings settings,
            MemberCard card,
            HistoryStore store,
            OwnershipHolder ownership,
            DirectoryHolder directory) {
        super(context);
        this.settings = settings;
        this.store = store;
        this.ownership = ownership;
        this.directory = directory;
        this.blocking =
                context.getSystem()
                        .dispatchers()
                        .lookup(DispatcherSelector.fromConfig(ReadService.DISPATCHER));
        DistributedData ddata = DistributedData.get(context.getSystem());
        this.replicator = ddata.replicator();
        this.node = ddata.selfUniqueAddress();
        this.updated =
                context.messageAdapter((Class) Replicator.UpdateResponse.class, r -> new Updated());
        ActorRef<Replicator.UpdateResponse<LWWMap<String, MemberCard>>> cardUpdated =
                context.messageAdapter((Class) Replicator.UpdateResponse.class, r -> new Updated());
        replicator.tell(
                new Replicator.Update<>(
                        DirectoryKeys.MEMBERS,
                        LWWMap.create(),
                        Replicator.writeLocal(),
                        cardUpdated,
                        map -> map.put(node, card.member(), card)));
        timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.interval());
        context.getSelf().tell(Tick.INSTANCE);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .onMessage(Computed.class, this::onComputed)
                .onMessage(Dropped.class, this::onDropped)
                .onMessage(Updated.class, updated -> this)
                .build();
    }

    private Behavior<Command> onTick() {
        if (computing) {
            return this; // the store is slow: one summary at a time
        }
        computing = true;
        Ownership owned = ownership.get();
        getContext()
                .pipeToSelf(
                        CompletableFuture.supplyAsync(
                                () ->
                                        Holdings.of(
                                                settings.self(),
                                                settings.ranges(),
                                                owned,
                                                store.presentRanges(),
                                                store::canonicalHash),
                                blocking),
                        Computed::new);
        return this;
    }

    private Behavior<Command> onComputed(Computed computed) {
        computing = false;
        if (computed.failure() != null) {
            getContext().getLog().warn("cannot read the store's holdings", computed.failure());
            return this;
        }
        Map<String, Holding> mine = computed.mine();
        Directory current = directory.get();
        List<String> stale = Holdings.staleCovered(current, mine);
        Map<String, Holding> changed = new HashMap<>();
        mine.forEach(
                (key, holding) -> {
                    if (!holding.equals(published.get(key))) {
                        changed.put(key, holding);
                    }
                });
        List<String> gone =
                published.keySet().stream().filter(key -> !mine.containsKey(key)).toList();
        if (!changed.isEmpty() || !gone.isEmpty() || !stale.isEmpty()) {
            replicator.tell(
                    new Replicator.Update<>(
                            DirectoryKeys.HOLDINGS,
                            LWWMap.create(),
                            Replicator.writeLocal(),
                            updated,
                            map -> {
                                LWWMap<String, Holding> next = map;
                                for (Map.Entry<String, Holding> entry : changed.entrySet()) {
                                    next = next.put(node, entry.getKey(), entry.getValue());
                                }
                                for (String key : gone) {
                                    next = next.remove(node, key);
                                }
                                for (String key : stale) {
                                    if (next.getEntries().containsKey(key)) {
                                        next = next.remove(node, key);
                                    }
                                }
                                return next;
                            }));
            stale.forEach(
                    key ->
                            getContext()
                                    .getLog()
                                    .info(
                                            "holding {} of a host that is gone: its blocks are"
                                                    + " held here now, entry removed",
                                            key));
        }
        published = mine;
        if (!settings.keepLeftovers() && !dropping) {
            dropLeftovers(Holdings.leftoversHeldByOwners(current, ownership.get(), mine));
        }
        return this;
    }

    /** Blocks of ranges owned elsewhere, held there now: removed in atomic batches. */
    private void dropLeftovers(List<BlockRange> runs) {
        if (runs.isEmpty()) {
            return;
        }
        dropping = true;
        getContext()
                .pipeToSelf(
                        CompletableFuture.supplyAsync(() -> drop(runs), blocking), Dropped::new);
    }

    /** Removes the runs' present blocks, at most one atomic batch at a time; returns how many. */
    private long drop(List<BlockRange> runs) {
        long removed = 0;
        for (BlockRange run : runs) {
            long first = run.first();
            while (first <= run.last()) {
                long last = Math.min(run.last(), first + HistoryStore.MAX_ATOMIC_ROLLBACK - 1);
                long absent =
                        store.missingIn(first, last).stream().mapToLong(BlockRange::size).sum();
                store.removeRange(first, last);
                removed += (last - first + 1) - absent;
                first = last + 1;
            }
        }
        return removed;
    }

    private Behavior<Command> onDropped(Dropped dropped) {
        dropping = false;
        if (dropped.failure() != null) {
            getContext().getLog().warn("cannot drop leftover blocks", dropped.failure());
        } else if (dropped.blocks() > 0) {
            getContext()
                    .getLog()
                    .info(
                            "dropped {} blocks of ranges owned elsewhere (their owners hold them)",
                            dropped.blocks());
        }
        return this;
    }
}
