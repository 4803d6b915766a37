package io.annals.sync.head;

import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import io.annals.sync.chain.Anchor;
import io.annals.sync.guard.ChainGuard;
import io.annals.sync.model.PeerId;
import io.annals.sync.model.SyncMode;
import io.annals.sync.scheduler.Scheduler;
import io.annals.sync.write.SyncStore;
import io.annals.sync.write.Writer;
import io.annals.sync.write.WriterSettings;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Owns the engine's idea of the network head and of the target range. Peer actors report heads
 * (claimed by announcements, proven by probes; {@link HeadVotes} decides what counts), the writer's
 * events give the store's contiguous head, and the tracker hands the scheduler each new part of the
 * target ({@code AddRange}) as the head moves ({@link TargetPlanner}): the start block up to head
 * minus the rollback window in historical mode, up to the head in follow mode, so the store's tip
 * advances in order. When the contiguous head reaches the historical target it tells its parent
 * ({@link HistoricalTargetReached}), which switches the scheduler to follow mode and answers with
 * {@link ModeChanged}. The head the peers agree on (number and hash) goes to the {@link
 * ChainGuard}, which anchors the chain at it, and every rise of the network head goes to the parent
 * ({@link HeadMoved}).
 *
 * <p>With {@link Target#EXTERNAL} the tracker adds no ranges and never asks for follow mode: an
 * owner outside the engine (the cluster, which gives each host the ranges it owns) adds and
 * withdraws them and switches modes itself. Head votes, the anchor and the figures are the same
 * either way.
 */
public final class HeadTracker extends AbstractBehavior<HeadTracker.Command> {

    public sealed interface Command {}

    /**
     * A peer's head: claimed by an announcement, or proven by serving the header; with its hash
     * when known.
     */
    public record PeerHead(PeerId peer, long head, Optional<Hash> hash, boolean proven)
            implements Command {}

    public record PeerGone(PeerId peer) implements Command {}

    /** The supervisor switched the scheduler to this mode. */
    public record ModeChanged(SyncMode mode) implements Command {}

    /** Sync stopped: add no more ranges, keep answering stats. */
    public record Halt() implements Command {}

    public record GetStats(ActorRef<HeadStats> replyTo) implements Command {}

    private record Resumed(StoreView view, Throwable failure) implements Command {}

    private record StoreEvent(Writer.Event event) implements Command {}

    /** What the tracker tells its parent. */
    public sealed interface Event {}

    /** Told once when the store holds the whole historical target. */
    public record HistoricalTargetReached(long contiguousHead) implements Event {}

    /** The network head the peers agree on rose to {@code networkHead}. */
    public record HeadMoved(long networkHead) implements Event {}

    /** Who decides which blocks the scheduler fetches. */
    public enum Target {
        /** The tracker: the start block up to the head (historical, then follow mode). */
        TRACKER,
        /** Someone outside the engine; the tracker only tracks heads. */
        EXTERNAL
    }

    /**
     * Whom the tracker tells: the scheduler (ranges to fetch), the writer (subscribed to, for the
     * contiguous head), the chain guard (the agreed head) and its parent.
     */
    public record Wiring(
            ActorRef<Scheduler.Command> scheduler,
            ActorRef<Writer.Command> writer,
            ActorRef<ChainGuard.Command> guard,
            ActorRef<Event> parent) {}

    /** What the store held when the engine started. */
    private record StoreView(
            long startBlock, OptionalLong contiguousHead, List<BlockRange> present) {}

    private final HeadSettings settings;
    private final Target target;
    private final Wiring wiring;
    private final HeadVotes votes;
    private SyncMode initialMode;
    private TargetPlanner planner;
    private Optional<Anchor> anchor = Optional.empty();
    private long contiguousHead = -1;
    private long highestHead = -1;
    private boolean switchRequested;
    private boolean halted;

    public static Behavior<Command> create(
            HeadSettings settings, SyncMode initialMode, SyncStore store, Wiring wiring) {
        return create(settings, initialMode, store, wiring, Target.TRACKER);
    }

    public static Behavior<Command> create(
            HeadSettings settings,
            SyncMode initialMode,
            SyncStore store,
            Wiring wiring,
            Target target) {
        return Behaviors.setup(
                context -> new HeadTracker(context, settings, initialMode, store, wiring, target));
    }

    private HeadTracker(
            ActorContext<Command> context,
            HeadSettings settings,
            SyncMode initialMode,
            SyncStore store,
            Wiring wiring,
            Target target) {
        super(context);
        this.settings = settings;
        this.target = target;
        this.wiring = wiring;
        this.initialMode = initialMode;
        this.votes = new HeadVotes(settings.quorum());
        wiring.writer()
                .tell(
                        new Writer.Subscribe(
                                context.messageAdapter(Writer.Event.class, StoreEvent::new)));
        Executor blocking =
                context.getSystem()
                        .dispatchers()
                        .lookup(DispatcherSelector.fromConfig(WriterSettings.DISPATCHER));
        context.pipeToSelf(
                CompletableFuture.supplyAsync(
                        () ->
                                new StoreView(
                                        store.startBlock(),
                                        store.contiguousHead(),
                                        store.presentRanges()),
                        blocking),
                Resumed::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(PeerHead.class, this::onPeerHead)
                .onMessage(PeerGone.class, this::onPeerGone)
                .onMessage(StoreEvent.class, this::onStoreEvent)
                .onMessage(ModeChanged.class, this::onModeChanged)
                .onMessage(Halt.class, this::onHalt)
                .onMessage(GetStats.class, this::onGetStats)
                .onMessage(Resumed.class, this::onResumed)
                .build();
    }

    private Behavior<Command> onResumed(Resumed resumed) {
        if (resumed.failure() != null) {
            throw new IllegalStateException(
                    "cannot read the store to resume sync", resumed.failure());
        }
        StoreView view = resumed.view();
        contiguousHead = view.contiguousHead().orElse(-1);
        planner =
                new TargetPlanner(
                        view.startBlock(), settings.rollbackWindow(), initialMode, view.present());
        if (target == Target.EXTERNAL) {
            getContext()
                    .getLog()
                    .info(
                            "tracking heads; the ranges to sync come from outside the engine"
                                    + " ({} stored runs)",
                            view.present().size());
        } else {
            getContext()
                    .getLog()
                    .info(
                            "resuming {} sync from block {}: contiguous head {}, {} stored runs",
                            initialMode.configSection(),
                            view.startBlock(),
                            contiguousHead,
                            view.present().size());
        }
        return update();
    }

    private Behavior<Command> onPeerHead(PeerHead head) {
        votes.claim(head.peer(), head.head(), head.hash(), head.proven());
        publishAnchor();
        return update();
    }

    private Behavior<Command> onPeerGone(PeerGone gone) {
        votes.forget(gone.peer());
        return this;
    }

    private Behavior<Command> onStoreEvent(StoreEvent message) {
        if (message.event() instanceof Writer.StoredUpTo stored) {
            // the writer reports in order; the head falls only after a rollback it did
            contiguousHead = stored.contiguousHead();
            return update();
        }
        return this;
    }

    private Behavior<Command> onModeChanged(ModeChanged changed) {
        if (planner == null) {
            initialMode = changed.mode();
            return this;
        }
        planner.switchedTo(changed.mode());
        getContext()
                .getLog()
                .info(
                        "following the head from block {} (network head {})",
                        planner.addedThrough() + 1,
                        votes.head());
        return update();
    }

    private Behavior<Command> onHalt(Halt halt) {
        halted = true;
        return this;
    }

    private Behavior<Command> onGetStats(GetStats request) {
        long head = highestHead;
        long lag = head >= 0 && contiguousHead >= 0 ? Math.max(0, head - contiguousHead) : 0;
        SyncMode mode = planner == null ? initialMode : planner.mode();
        long through = planner == null ? -1 : planner.addedThrough();
        request.replyTo()
                .tell(
                        new HeadStats(
                                mode,
                                head,
                                votes.proven(),
                                votes.peers(),
                                through,
                                contiguousHead,
                                lag));
        return this;
    }

    /** The guard hears of every change of the agreed head or of the peers that name it. */
    private void publishAnchor() {
        Optional<Anchor> latest = votes.anchor();
        if (!latest.equals(anchor)) {
            anchor = latest;
            wiring.guard().tell(new ChainGuard.Anchored(latest));
        }
    }

    private Behavior<Command> update() {
        long head = votes.head();
        if (head > highestHead) {
            highestHead = head;
            getContext().getLog().debug("network head {}", head);
            wiring.parent().tell(new HeadMoved(head));
        }
        if (planner == null || halted || target == Target.EXTERNAL) {
            return this;
        }
        for (BlockRange run : planner.extendTo(highestHead)) {
            wiring.scheduler().tell(new Scheduler.AddRange(run));
        }
        if (!switchRequested && planner.historicalTargetReached(contiguousHead)) {
            switchRequested = true;
            getContext()
                    .getLog()
                    .info(
                            "historical target reached at block {} (network head {})",
                            contiguousHead,
                            highestHead);
            wiring.parent().tell(new HistoricalTargetReached(contiguousHead));
        }
        return this;
    }
}
