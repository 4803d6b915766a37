package io.annals.sync.head;

import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import io.annals.sync.chain.Anchor;
import io.annals.sync.guard.ChainGuard;
import io.annals.sync.ledger.RateMeter;
import io.annals.sync.model.PeerId;
import io.annals.sync.model.SyncMode;
import io.annals.sync.model.TimeSource;
import io.annals.sync.scheduler.Scheduler;
import io.annals.sync.write.SyncStore;
import io.annals.sync.write.Writer;
import io.annals.sync.write.WriterSettings;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
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
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Owns the engine's idea of the network head and of the target range. Peer actors report heads
 * (claimed by announcements, proven by probes; {@link HeadVotes} decides what counts), the writer's
 * events give the store's contiguous head, and the tracker hands the scheduler each new part of the
 * target ({@code AddRange}) as the head moves ({@link TargetPlanner}): the start block up to head
 * minus the rollback window in historical mode, up to the head in follow mode, so the store's tip
 * advances in order. When the contiguous head reaches the historical target it tells its parent
 * ({@link HistoricalTargetReached}), which switches the scheduler to follow mode and answers with
 * {@link ModeChanged}. The head the peers agree on (number and hash) goes to the {@link
 * ChainGuard}, which anchors the chain at it.
 */
public final class HeadTracker extends AbstractBehavior<HeadTracker.Command> {

    public sealed interface Command {}

    /**
     * A peer's head: claimed by an announcement, or proven by serving the header ({@code source}
     * says how); with its hash when known.
     */
    public record PeerHead(PeerId peer, long head, Optional<Hash> hash, HeadSource source)
            implements Command {}

    public record PeerGone(PeerId peer) implements Command {}

    /** The supervisor switched the scheduler to this mode. */
    public record ModeChanged(SyncMode mode) implements Command {}

    /** Sync stopped: add no more ranges, keep answering stats. */
    public record Halt() implements Command {}

    public record GetStats(ActorRef<HeadStats> replyTo) implements Command {}

    private record Resumed(StoreView view, Throwable failure) implements Command {}

    private enum PollTick implements Command {
        INSTANCE
    }

    private record StoreEvent(Writer.Event event) implements Command {}

    /** What the tracker tells its parent. */
    public sealed interface Event {}

    /** Told once when the store holds the whole historical target. */
    public record HistoricalTargetReached(long contiguousHead) implements Event {}

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

    /** Polls run in follow mode while the store is at most this many blocks below the head. */
    static final long NEAR_TIP_BLOCKS = 4;

    private static final Object POLL_TIMER = "head-poll";
    private static final long MINUTE_MILLIS = 60_000;

    private final HeadSettings settings;
    private final Wiring wiring;
    private final TimeSource clock;
    private final TimerScheduler<Command> timers;
    private final HeadVotes votes;
    private final TipLag tipLag = new TipLag();
    private final RateMeter pollRate = new RateMeter(MINUTE_MILLIS);
    private final Map<HeadSource, Long> learnedBy = new EnumMap<>(HeadSource.class);
    private SyncMode initialMode;
    private TargetPlanner planner;
    private Optional<Anchor> anchor = Optional.empty();
    private long contiguousHead = -1;
    private long highestHead = -1;
    private boolean switchRequested;
    private boolean halted;
    private long lastRiseMillis = Long.MIN_VALUE;
    private long pollArmedFor = Long.MIN_VALUE;
    private long polls;

    public static Behavior<Command> create(
            HeadSettings settings,
            SyncMode initialMode,
            SyncStore store,
            TimeSource clock,
            Wiring wiring) {
        return Behaviors.setup(
                context ->
                        Behaviors.withTimers(
                                timers ->
                                        new HeadTracker(
                                                context,
                                                timers,
                                                settings,
                                                initialMode,
                                                store,
                                                clock,
                                                wiring)));
    }

    private HeadTracker(
            ActorContext<Command> context,
            TimerScheduler<Command> timers,
            HeadSettings settings,
            SyncMode initialMode,
            SyncStore store,
            TimeSource clock,
            Wiring wiring) {
        super(context);
        this.settings = settings;
        this.wiring = wiring;
        this.clock = clock;
        this.timers = timers;
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
                .onMessageEquals(PollTick.INSTANCE, this::onPollTick)
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
        getContext()
                .getLog()
                .info(
                        "resuming {} sync from block {}: contiguous head {}, {} stored runs",
                        initialMode.configSection(),
                        view.startBlock(),
                        contiguousHead,
                        view.present().size());
        return update();
    }

    private Behavior<Command> onPeerHead(PeerHead head) {
        votes.claim(head.peer(), head.head(), head.hash(), head.source().proven());
        publishAnchor();
        long before = highestHead;
        update();
        if (highestHead > before) {
            learnedBy.merge(head.source(), 1L, Long::sum);
        }
        return this;
    }

    private Behavior<Command> onPeerGone(PeerGone gone) {
        votes.forget(gone.peer());
        return this;
    }

    private Behavior<Command> onStoreEvent(StoreEvent message) {
        if (message.event() instanceof Writer.StoredUpTo stored) {
            // the writer reports in order; the head falls only after a rollback it did
            contiguousHead = stored.contiguousHead();
            tipLag.stored(contiguousHead, clock.nowMillis());
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
                                lag,
                                new HeadStats.Discovery(
                                        learned(HeadSource.POLLED),
                                        learned(HeadSource.ANNOUNCED)
                                                + learned(HeadSource.ANNOUNCEMENT_PROBED),
                                        learned(HeadSource.PROBED),
                                        polls,
                                        pollRate.perSecond(clock.nowMillis()) * 60,
                                        tipLag.lastMillis(),
                                        tipLag.maxMillis())));
        return this;
    }

    private long learned(HeadSource source) {
        return learnedBy.getOrDefault(source, 0L);
    }

    // ---- head discovery: asking for new blocks at the tip

    private Behavior<Command> onPollTick() {
        pollArmedFor = Long.MIN_VALUE;
        if (pollsNow()) {
            long now = clock.nowMillis();
            polls++;
            pollRate.record(now, 1);
            wiring.scheduler().tell(new Scheduler.PollHeads(settings.poll().peers()));
        }
        armPoll();
        return this;
    }

    /** In a mode that polls, with the store near the known head (and not stopped). */
    private boolean pollsNow() {
        return planner != null
                && !halted
                && !settings.poll().interval(planner.mode()).isZero()
                && (highestHead < 0 || highestHead - contiguousHead <= NEAR_TIP_BLOCKS);
    }

    /** Keeps the poll timer armed for the next poll while polls run, and off while they do not. */
    private void armPoll() {
        if (!pollsNow()) {
            if (pollArmedFor != Long.MIN_VALUE) {
                timers.cancel(POLL_TIMER);
                pollArmedFor = Long.MIN_VALUE;
            }
            return;
        }
        long now = clock.nowMillis();
        long next =
                new PollCadence(
                                settings.poll().interval(planner.mode()).toMillis(),
                                settings.poll().blockTime().toMillis())
                        .nextPollAt(now, lastRiseMillis);
        if (pollArmedFor != Long.MIN_VALUE && pollArmedFor <= next) {
            return; // already armed for as soon or sooner
        }
        pollArmedFor = next;
        timers.startSingleTimer(POLL_TIMER, PollTick.INSTANCE, Duration.ofMillis(next - now));
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
            // a rise seen while polling at the tip is a new block's arrival, and sets when the next
            // one is due; a rise found any other way (a start, a catch-up) says nothing of that
            long now = clock.nowMillis();
            lastRiseMillis = pollsNow() ? now : Long.MIN_VALUE;
            highestHead = head;
            tipLag.headRose(head, now);
            getContext().getLog().debug("network head {}", head);
        }
        if (planner == null || halted) {
            return this;
        }
        armPoll();
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
