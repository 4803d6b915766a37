package io.annals.sync;

import io.annals.store.BlockRange;
import io.annals.sync.guard.ChainGuard;
import io.annals.sync.head.HeadTracker;
import io.annals.sync.ledger.SchedulerSettings;
import io.annals.sync.link.PeerLink;
import io.annals.sync.mailbox.MeteredMailbox;
import io.annals.sync.model.PeerId;
import io.annals.sync.model.SyncMode;
import io.annals.sync.model.TimeSource;
import io.annals.sync.peer.PeerActor;
import io.annals.sync.scheduler.Scheduler;
import io.annals.sync.scheduler.SchedulerEnvironment;
import io.annals.sync.scheduler.SchedulerHandover;
import io.annals.sync.scheduler.SchedulerStats;
import io.annals.sync.write.RollbackListener;
import io.annals.sync.write.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;

/**
 * Root of the sync engine. Spawns its children in dependency order: the {@link Scheduler}, the
 * {@link Writer}, the {@link ChainGuard} (which commands the writer), the {@link HeadTracker}
 * (which commands the scheduler and the guard) and a {@link PeerActor} for every peer that becomes
 * ready ({@link PeerReady}), stopped when its session ends. No child holds the command type of an
 * actor spawned after it: the writer, the guard and the tracker report through their own events,
 * which the supervisor (and, for the writer's, the guard and the tracker) receive through message
 * adapters.
 *
 * <p>The scheduler runs with the current mode's settings: this is where the follow-mode backoff cap
 * is applied. A mode switch restarts it without losing its queues: the old scheduler hands over an
 * immutable snapshot and stops, the new one starts from it. Everyone talks to the scheduler through
 * the supervisor's gateway ({@link GetScheduler}), so nothing sent during a switch is lost: the
 * supervisor stashes it and replays it to the successor. If the scheduler crashes, its successor
 * starts from the ranges still outstanding ({@link SchedulerMemory}) and every known peer is told
 * to ask again (messages forwarded to the dying scheduler between its crash and the supervisor
 * noticing are lost; reports are repeated by re-fetching, requests by the RecheckHead every peer
 * gets).
 *
 * <p>The writer's events become the scheduler's input (blocks stored, refused, returned, a new
 * branch epoch). The head tracker says when the historical target is reached; the supervisor then
 * switches to follow mode. A store failure or a reorg too deep to follow stops sync: the peers are
 * stopped, no new ones are taken, and stats keep showing the error. {@link Drain} stops taking
 * peers, stops the live ones and answers once the writer has written what they delivered.
 */
public final class SyncSupervisor extends AbstractBehavior<SyncSupervisor.Command> {

    public sealed interface Command {}

    /** Restart the scheduler with {@code mode}'s settings, keeping its state; replies when done. */
    public record SwitchMode(SyncMode mode, ActorRef<ModeSwitched> replyTo) implements Command {}

    public record ModeSwitched(SyncMode mode) {}

    /** The stats of the current scheduler. */
    public record GetStats(ActorRef<SchedulerStats> replyTo) implements Command {}

    /** The stats of the whole engine: scheduler, writer, head tracker, chain guard, peers. */
    public record GetSyncStats(ActorRef<SyncStats> replyTo) implements Command {}

    /** The stable address of the scheduler, valid across switches and restarts. */
    public record GetScheduler(ActorRef<ActorRef<Scheduler.Command>> replyTo) implements Command {}

    /**
     * A peer session is ready to sync from (for eth: {@code EthProtocol}'s {@code onPeerReady}, as
     * {@code new PeerReady(new EthPeerLink(peer))}). Thread-safe to send from any thread.
     */
    public record PeerReady(PeerLink link) implements Command {}

    /**
     * Call {@code listener} after every rollback of the store from now on (a reorg at the tip); see
     * {@link RollbackListener}.
     */
    public record SubscribeRollbacks(RollbackListener listener) implements Command {}

    /**
     * Shutting down: take no more peers, stop the live ones, and reply when the writer has written
     * everything they delivered (or at once, if it stopped writing).
     */
    public record Drain(ActorRef<Writer.Drained> replyTo) implements Command {}

    private record ToScheduler(Scheduler.Command command) implements Command {}

    private record HandedOver(SchedulerHandover handover) implements Command {}

    private record SchedulerStopped(ActorRef<Scheduler.Command> scheduler) implements Command {}

    /** Sent to self behind a handover reply that may still be queued; see onSchedulerStopped. */
    private record HandoverCheck(ActorRef<Scheduler.Command> scheduler) implements Command {}

    private record PeerStopped(PeerId peer) implements Command {}

    private record WriterEvent(Writer.Event event) implements Command {}

    private record WriterStopped() implements Command {}

    private record GuardEvent(ChainGuard.Event event) implements Command {}

    private record HeadEvent(HeadTracker.Event event) implements Command {}

    private record SwitchDone(SyncMode mode) implements Command {}

    /** Messages held while a handover is under way; past this the engine is badly overloaded. */
    private static final int STASH_CAPACITY = 100_000;

    static final String WRITER_NAME = "writer";

    private final SyncSettings settings;
    private final SyncChildren children;
    private final TimeSource clock;
    private final SchedulerEnvironment env;
    private final StashBuffer<Command> stash;
    private final ActorRef<Scheduler.Command> gateway;
    private final ActorRef<SchedulerHandover> handoverAdapter;
    private final SchedulerMemory memory = new SchedulerMemory();
    private final List<ActorRef<ModeSwitched>> switchWaiters = new ArrayList<>();
    private final ActorRef<Writer.Command> writer;
    private final ActorRef<ChainGuard.Command> guard;
    private final ActorRef<HeadTracker.Command> headTracker;
    private final PeerRoster peers = new PeerRoster();
    private final List<ActorRef<Writer.Drained>> drainWaiters = new ArrayList<>();
    private SyncMode mode;
    private ActorRef<Scheduler.Command> scheduler;
    private boolean handingOver;
    private int generation;
    private Optional<String> failure = Optional.empty();
    private boolean draining;

    public static Behavior<Command> create(
            SyncSettings settings, TimeSource clock, SyncChildren children) {
        return Behaviors.setup(
                context ->
                        Behaviors.withStash(
                                STASH_CAPACITY,
                                stash ->
                                        new SyncSupervisor(
                                                context, stash, settings, clock, children)));
    }

    private SyncSupervisor(
            ActorContext<Command> context,
            StashBuffer<Command> stash,
            SyncSettings settings,
            TimeSource clock,
            SyncChildren children) {
        super(context);
        this.settings = settings;
        this.children = children;
        this.clock = clock;
        this.stash = stash;
        this.mode = settings.initialMode();
        this.env =
                new SchedulerEnvironment(
                        clock,
                        settings.rateWindow(),
                        Map.of(WRITER_NAME, context.getSelf().path().$div(WRITER_NAME)));
        this.gateway = context.messageAdapter(Scheduler.Command.class, ToScheduler::new);
        this.handoverAdapter = context.messageAdapter(SchedulerHandover.class, HandedOver::new);
        this.scheduler = spawnScheduler(Optional.empty());
        this.writer = spawnWriter();
        this.guard = spawnGuard();
        this.headTracker = spawnHeadTracker();
    }

    /** A writer that stopped took its queue with it: that ends sync, as a store failure does. */
    private ActorRef<Writer.Command> spawnWriter() {
        ActorRef<Writer.Command> child =
                getContext()
                        .spawn(
                                children.writer().create(settings.writer()),
                                WRITER_NAME,
                                MailboxSelector.fromConfig(MeteredMailbox.CONFIG_PATH));
        getContext().watchWith(child, new WriterStopped());
        // told before anything else can reach the writer: the supervisor misses no event
        child.tell(
                new Writer.Subscribe(
                        getContext().messageAdapter(Writer.Event.class, WriterEvent::new)));
        return child;
    }

    /** A crashed guard starts afresh (it re-reads the store) and is told the live peers again. */
    private ActorRef<ChainGuard.Command> spawnGuard() {
        return getContext()
                .spawn(
                        Behaviors.supervise(
                                        children.guard()
                                                .create(
                                                        settings.head().guard(),
                                                        writer,
                                                        getContext()
                                                                .messageAdapter(
                                                                        ChainGuard.Event.class,
                                                                        GuardEvent::new)))
                                .onFailure(restartWithBackoff()),
                        "chain-guard");
    }

    /**
     * A crashed head tracker re-reads the store and re-adds what is missing: restarting is safe.
     */
    private ActorRef<HeadTracker.Command> spawnHeadTracker() {
        HeadTracker.Wiring wiring =
                new HeadTracker.Wiring(
                        gateway,
                        writer,
                        guard,
                        getContext().messageAdapter(HeadTracker.Event.class, HeadEvent::new));
        return getContext()
                .spawn(
                        Behaviors.supervise(
                                        children.headTracker()
                                                .create(
                                                        settings.head(),
                                                        settings.initialMode(),
                                                        clock,
                                                        wiring))
                                .onFailure(restartWithBackoff()),
                        "head-tracker");
    }

    private static SupervisorStrategy restartWithBackoff() {
        return SupervisorStrategy.restartWithBackoff(
                Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(ToScheduler.class, message -> toScheduler(message.command()))
                .onMessage(GetStats.class, this::onGetStats)
                .onMessage(GetSyncStats.class, this::onGetSyncStats)
                .onMessage(GetScheduler.class, this::onGetScheduler)
                .onMessage(SwitchMode.class, this::onSwitchMode)
                .onMessage(HandedOver.class, this::onHandedOver)
                .onMessage(SchedulerStopped.class, this::onSchedulerStopped)
                .onMessage(HandoverCheck.class, this::onHandoverCheck)
                .onMessage(PeerReady.class, this::onPeerReady)
                .onMessage(PeerStopped.class, this::onPeerStopped)
                .onMessage(WriterEvent.class, this::onWriterEvent)
                .onMessage(WriterStopped.class, stopped -> stopSync("the writer stopped"))
                .onMessage(GuardEvent.class, this::onGuardEvent)
                .onMessage(HeadEvent.class, this::onHeadEvent)
                .onMessage(SubscribeRollbacks.class, this::onSubscribeRollbacks)
                .onMessage(Drain.class, this::onDrain)
                .onMessage(SwitchDone.class, done -> this)
                .build();
    }

    // ---- the scheduler's gateway

    private Behavior<Command> toScheduler(Scheduler.Command command) {
        if (handingOver) {
            stash.stash(new ToScheduler(command));
            return this;
        }
        memory.remember(command);
        scheduler.tell(command);
        return this;
    }

    private Behavior<Command> onGetStats(GetStats request) {
        if (handingOver) {
            stash.stash(request);
        } else {
            scheduler.tell(new Scheduler.GetStats(request.replyTo()));
        }
        return this;
    }

    private Behavior<Command> onGetScheduler(GetScheduler request) {
        request.replyTo().tell(gateway);
        return this;
    }

    // ---- what the children report

    /** What the writer did becomes the scheduler's input; a failure stops sync. */
    private Behavior<Command> onWriterEvent(WriterEvent message) {
        Writer.Event event = message.event();
        if (event instanceof Writer.BlocksStored stored) {
            return toScheduler(new Scheduler.Persisted(stored.blocks()));
        }
        if (event instanceof Writer.BlocksRefused refused) {
            Map<PeerId, List<Long>> byPeer = new LinkedHashMap<>();
            refused.refusals()
                    .forEach(
                            refusal ->
                                    byPeer.computeIfAbsent(
                                                    refusal.peer(), peer -> new ArrayList<>())
                                            .add(refusal.block()));
            byPeer.forEach(
                    (peer, blocks) ->
                            toScheduler(
                                    new Scheduler.Rejected(
                                            peer, blocks, "contradicts the stored chain")));
        } else if (event instanceof Writer.BlocksReturned returned) {
            return toScheduler(new Scheduler.PersistFailed(returned.blocks(), returned.reason()));
        } else if (event instanceof Writer.RolledBack done) {
            return toScheduler(
                    new Scheduler.BranchChanged(
                            done.epoch(), Optional.of(BlockRange.of(done.first(), done.last()))));
        } else if (event instanceof Writer.Failed failed) {
            return stopSync(failed.reason());
        }
        return this;
    }

    private Behavior<Command> onGuardEvent(GuardEvent message) {
        if (message.event() instanceof ChainGuard.MustStop stop) {
            return stopSync(stop.reason());
        }
        // the guard (re)started: it must know every live peer to judge conflicts
        peers.members()
                .forEach(
                        member ->
                                guard.tell(new ChainGuard.PeerJoined(member.id(), member.link())));
        return this;
    }

    private Behavior<Command> onHeadEvent(HeadEvent message) {
        if (message.event() instanceof HeadTracker.HistoricalTargetReached
                && mode != SyncMode.FOLLOW) {
            getContext()
                    .getSelf()
                    .tell(
                            new SwitchMode(
                                    SyncMode.FOLLOW,
                                    getContext()
                                            .messageAdapter(
                                                    ModeSwitched.class,
                                                    switched -> new SwitchDone(switched.mode()))));
        }
        return this;
    }

    private Behavior<Command> onSubscribeRollbacks(SubscribeRollbacks subscribe) {
        writer.tell(new Writer.AddRollbackListener(subscribe.listener()));
        return this;
    }

    private Behavior<Command> onGetSyncStats(GetSyncStats request) {
        getContext()
                .spawnAnonymous(
                        StatsCollector.create(
                                new StatsCollector.Request(
                                        mode,
                                        peers.size(),
                                        failure,
                                        gateway,
                                        writer,
                                        headTracker,
                                        guard,
                                        request.replyTo())));
        return this;
    }

    // ---- peers

    private Behavior<Command> onPeerReady(PeerReady ready) {
        PeerLink link = ready.link();
        if (failure.isPresent() || draining) {
            getContext()
                    .getLog()
                    .info(
                            "peer {} not used: sync {}",
                            link.id(),
                            failure.map(why -> "stopped (" + why + ")").orElse("is shutting down"));
            return this;
        }
        PeerId id = peers.uniqueId(link.id());
        ActorRef<PeerActor.Command> actor =
                getContext()
                        .spawn(
                                children.peer()
                                        .create(
                                                id,
                                                link,
                                                new PeerActor.Wiring(gateway, writer, headTracker),
                                                settings.peer(),
                                                clock),
                                peers.nextName());
        getContext().watchWith(actor, new PeerStopped(id));
        peers.add(new PeerRoster.Member(id, link, actor));
        guard.tell(new ChainGuard.PeerJoined(id, link));
        getContext().getLog().debug("peer {} ready ({} peers)", id, peers.size());
        return this;
    }

    private Behavior<Command> onPeerStopped(PeerStopped stopped) {
        peers.remove(stopped.peer());
        guard.tell(new ChainGuard.PeerLeft(stopped.peer()));
        drainWhenPeersGone();
        return this;
    }

    private Behavior<Command> onDrain(Drain drain) {
        drainWaiters.add(drain.replyTo());
        if (!draining) {
            draining = true;
            getContext().getLog().info("draining: stopping {} peers", peers.size());
            peers.members().forEach(member -> getContext().stop(member.actor()));
        }
        drainWhenPeersGone();
        return this;
    }

    /** Once no peer can deliver any more, the writer is asked to write what it holds. */
    private void drainWhenPeersGone() {
        if (draining && peers.isEmpty()) {
            drainWaiters.forEach(waiter -> writer.tell(new Writer.Drain(waiter)));
            drainWaiters.clear();
        }
    }

    /**
     * A store failure or a reorg too deep to follow: stop every peer, add no more ranges, refuse
     * new peers; keep the error. The cause was logged where it was found.
     */
    private Behavior<Command> stopSync(String reason) {
        if (failure.isPresent()) {
            return this;
        }
        failure = Optional.of(reason);
        getContext().getLog().info("stopping {} peers: sync stopped", peers.size());
        peers.members().forEach(member -> getContext().stop(member.actor()));
        headTracker.tell(new HeadTracker.Halt());
        guard.tell(new ChainGuard.Halt());
        writer.tell(new Writer.Halt(reason));
        return this;
    }

    // ---- mode switches and restarts of the scheduler

    private Behavior<Command> onSwitchMode(SwitchMode request) {
        if (handingOver) {
            stash.stash(request);
            return this;
        }
        if (request.mode() == mode) {
            request.replyTo().tell(new ModeSwitched(mode));
            return this;
        }
        getContext()
                .getLog()
                .info(
                        "switching sync from {} to {} mode",
                        mode.configSection(),
                        request.mode().configSection());
        mode = request.mode();
        switchWaiters.add(request.replyTo());
        handingOver = true;
        scheduler.tell(new Scheduler.HandOver(handoverAdapter));
        return this;
    }

    private Behavior<Command> onHandedOver(HandedOver handed) {
        scheduler = spawnScheduler(Optional.of(handed.handover()));
        return switchCompleted();
    }

    private Behavior<Command> onSchedulerStopped(SchedulerStopped stopped) {
        if (!stopped.scheduler().equals(scheduler)) {
            return this; // a predecessor that handed over and stopped, as planned
        }
        if (handingOver) {
            // Death notices overtake ordinary messages, so the handover reply may still be queued
            // behind this one. A note to self is queued after it: if the handover has not come by
            // then, it never will.
            getContext().getSelf().tell(new HandoverCheck(stopped.scheduler()));
            return this;
        }
        return recover();
    }

    private Behavior<Command> onHandoverCheck(HandoverCheck check) {
        if (handingOver && check.scheduler().equals(scheduler)) {
            return recover();
        }
        return this;
    }

    /** The scheduler died with its state: start afresh from what the supervisor kept. */
    private Behavior<Command> recover() {
        getContext()
                .getLog()
                .error(
                        "scheduler {} stopped unexpectedly; restarting it from {} outstanding blocks "
                                + "and asking {} peers to request again",
                        scheduler.path().name(),
                        memory.outstandingBlocks(),
                        memory.peers());
        scheduler = spawnScheduler(Optional.empty());
        memory.restoreInto(scheduler);
        if (!handingOver) {
            return this;
        }
        return switchCompleted();
    }

    private Behavior<Command> switchCompleted() {
        handingOver = false;
        switchWaiters.forEach(waiter -> waiter.tell(new ModeSwitched(mode)));
        switchWaiters.clear();
        headTracker.tell(new HeadTracker.ModeChanged(mode));
        return stash.unstashAll(this);
    }

    private ActorRef<Scheduler.Command> spawnScheduler(Optional<SchedulerHandover> predecessor) {
        generation++;
        SchedulerSettings modeSettings = settings.forMode(mode);
        Behavior<Scheduler.Command> behavior =
                Behaviors.supervise(children.scheduler().create(modeSettings, env, predecessor))
                        .onFailure(SupervisorStrategy.stop());
        ActorRef<Scheduler.Command> child =
                getContext()
                        .spawn(
                                behavior,
                                "scheduler-" + generation,
                                MailboxSelector.fromConfig(MeteredMailbox.CONFIG_PATH));
        getContext().watchWith(child, new SchedulerStopped(child));
        getContext()
                .getLog()
                .info(
                        "scheduler {} started in {} mode (max block backoff {})",
                        child.path().name(),
                        mode.configSection(),
                        modeSettings.maxBlockBackoff());
        return child;
    }
}
