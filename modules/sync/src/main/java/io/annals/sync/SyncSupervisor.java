package io.annals.sync;

import io.annals.sync.head.HeadTracker;
import io.annals.sync.mailbox.MeteredMailbox;
import io.annals.sync.peer.PeerActor;
import io.annals.sync.peer.PeerLink;
import io.annals.sync.write.SyncStore;
import io.annals.sync.write.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.ActorPath;
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
 * Root of the sync engine. Spawns the {@link Scheduler} with the current mode's settings (this is
 * where the follow-mode backoff cap is applied) and restarts it on a mode switch without losing its
 * queues: the old scheduler hands over an immutable snapshot and stops, the new one starts from it.
 * Everyone talks to the scheduler through the supervisor's gateway ({@link GetScheduler}), so
 * nothing sent during a switch is lost: the supervisor stashes it and replays it to the successor.
 * If the scheduler crashes, its successor starts from the ranges still outstanding and every known
 * peer is told to ask again (messages forwarded to the dying scheduler between its crash and the
 * supervisor noticing are lost; reports are repeated by re-fetching, requests by the RecheckHead
 * every peer gets).
 *
 * <p>With a store ({@link Engine}) it runs the whole engine: the {@link Writer} and the {@link
 * HeadTracker} from the start, and a {@link PeerActor} for every peer that becomes ready ({@link
 * PeerReady}), stopped when its session ends. The head tracker seeds and extends the scheduler's
 * target (the start block up to the head minus the rollback window, minus what the store holds, so
 * a restart resumes) and says when the historical target is reached; the supervisor then switches
 * to follow mode. A store failure stops sync: the peers are stopped, no new ones are taken, and
 * stats keep showing the error.
 */
public final class SyncSupervisor extends AbstractBehavior<SyncSupervisor.Command> {

    public sealed interface Command {}

    /** Restart the scheduler with {@code mode}'s settings, keeping its state; replies when done. */
    public record SwitchMode(SyncMode mode, ActorRef<ModeSwitched> replyTo) implements Command {}

    public record ModeSwitched(SyncMode mode) {}

    /** The stats of the current scheduler. */
    public record GetStats(ActorRef<SchedulerStats> replyTo) implements Command {}

    /** The stats of the whole engine: scheduler, writer, head tracker, peers, failure. */
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
     * {@link RollbackListener}. Ignored by a supervisor that runs the scheduler alone.
     */
    public record SubscribeRollbacks(RollbackListener listener) implements Command {}

    private record ToScheduler(Scheduler.Command command) implements Command {}

    private record ToWriter(Writer.Command command) implements Command {}

    private record ChainStopped(String reason) implements Command {}

    private record HandedOver(SchedulerHandover handover) implements Command {}

    private record SchedulerStopped(ActorRef<Scheduler.Command> scheduler) implements Command {}

    /** Sent to self behind a handover reply that may still be queued; see onSchedulerStopped. */
    private record HandoverCheck(ActorRef<Scheduler.Command> scheduler) implements Command {}

    private record PeerStopped(PeerId peer) implements Command {}

    private record WriterFailed(String reason) implements Command {}

    private record TargetReached(long contiguousHead) implements Command {}

    private record SwitchDone(SyncMode mode) implements Command {}

    /** Builds the scheduler behavior; tests substitute one to inject faults. */
    @FunctionalInterface
    public interface SchedulerFactory {
        Behavior<Scheduler.Command> create(
                SchedulerSettings settings,
                SchedulerEnvironment env,
                Optional<SchedulerHandover> predecessor);
    }

    /** Messages held while a handover is under way; past this the engine is badly overloaded. */
    private static final int STASH_CAPACITY = 100_000;

    private final SyncSettings settings;
    private final SchedulerEnvironment env;
    private final SchedulerFactory factory;
    private final StashBuffer<Command> stash;
    private final ActorRef<Scheduler.Command> gateway;
    private final ActorRef<SchedulerHandover> handoverAdapter;
    private final SchedulerMemory memory = new SchedulerMemory();
    private final List<ActorRef<ModeSwitched>> switchWaiters = new ArrayList<>();
    private final Optional<EngineChildren> engine;
    private SyncMode mode;
    private ActorRef<Scheduler.Command> scheduler;
    private boolean handingOver;
    private int generation;

    public static Behavior<Command> create(SyncSettings settings, TimeSource clock) {
        return create(settings, clock, Map.of(), Scheduler::create);
    }

    /**
     * A supervisor that runs the scheduler alone (no store, writer, head tracker or peer actors).
     *
     * @param watchedMailboxes actors (by name) whose mailbox depth the stall report shows
     * @param factory builds the scheduler; {@code Scheduler::create} outside tests
     */
    public static Behavior<Command> create(
            SyncSettings settings,
            TimeSource clock,
            Map<String, ActorPath> watchedMailboxes,
            SchedulerFactory factory) {
        return Behaviors.setup(
                context ->
                        Behaviors.withStash(
                                STASH_CAPACITY,
                                stash ->
                                        new SyncSupervisor(
                                                context,
                                                stash,
                                                settings,
                                                new SchedulerEnvironment(
                                                        clock,
                                                        settings.rateWindow(),
                                                        watchedMailboxes),
                                                factory,
                                                Optional.empty())));
    }

    /** The whole engine over {@code store}, with the standard children. */
    public static Behavior<Command> create(
            SyncSettings settings, SyncStore store, TimeSource clock) {
        return create(new Engine(settings, store, clock, Engine.Children.standard()));
    }

    /** The whole engine; the children's factories are injectable for tests. */
    public static Behavior<Command> create(Engine engine) {
        return Behaviors.setup(
                context ->
                        Behaviors.withStash(
                                STASH_CAPACITY,
                                stash -> {
                                    Map<String, ActorPath> watched =
                                            Map.of(
                                                    EngineChildren.WRITER_NAME,
                                                    context.getSelf()
                                                            .path()
                                                            .$div(EngineChildren.WRITER_NAME));
                                    SchedulerEnvironment env =
                                            new SchedulerEnvironment(
                                                    engine.clock(),
                                                    engine.settings().rateWindow(),
                                                    watched);
                                    return new SyncSupervisor(
                                            context,
                                            stash,
                                            engine.settings(),
                                            env,
                                            engine.children().scheduler(),
                                            Optional.of(engine));
                                }));
    }

    private SyncSupervisor(
            ActorContext<Command> context,
            StashBuffer<Command> stash,
            SyncSettings settings,
            SchedulerEnvironment env,
            SchedulerFactory factory,
            Optional<Engine> engine) {
        super(context);
        this.settings = settings;
        this.env = env;
        this.factory = factory;
        this.stash = stash;
        this.mode = settings.initialMode();
        this.gateway = context.messageAdapter(Scheduler.Command.class, ToScheduler::new);
        this.handoverAdapter = context.messageAdapter(SchedulerHandover.class, HandedOver::new);
        this.scheduler = spawnScheduler(Optional.empty());
        this.engine =
                engine.map(
                        parts ->
                                new EngineChildren(
                                        context,
                                        parts,
                                        gateway,
                                        context.messageAdapter(
                                                Writer.Failed.class,
                                                failed -> new WriterFailed(failed.reason())),
                                        new EngineChildren.Outlets(
                                                context.messageAdapter(
                                                        HeadTracker.HistoricalTargetReached.class,
                                                        reached ->
                                                                new TargetReached(
                                                                        reached.contiguousHead())),
                                                context.messageAdapter(
                                                        Writer.Command.class, ToWriter::new),
                                                context.messageAdapter(
                                                        HeadTracker.SyncMustStop.class,
                                                        stop -> new ChainStopped(stop.reason()))),
                                        WriterFailed::new,
                                        PeerStopped::new));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(ToScheduler.class, this::onToScheduler)
                .onMessage(GetStats.class, this::onGetStats)
                .onMessage(GetSyncStats.class, this::onGetSyncStats)
                .onMessage(GetScheduler.class, this::onGetScheduler)
                .onMessage(SwitchMode.class, this::onSwitchMode)
                .onMessage(HandedOver.class, this::onHandedOver)
                .onMessage(SchedulerStopped.class, this::onSchedulerStopped)
                .onMessage(HandoverCheck.class, this::onHandoverCheck)
                .onMessage(PeerReady.class, this::onPeerReady)
                .onMessage(PeerStopped.class, this::onPeerStopped)
                .onMessage(WriterFailed.class, this::onWriterFailed)
                .onMessage(ChainStopped.class, this::onChainStopped)
                .onMessage(ToWriter.class, this::onToWriter)
                .onMessage(SubscribeRollbacks.class, this::onSubscribeRollbacks)
                .onMessage(TargetReached.class, this::onTargetReached)
                .onMessage(SwitchDone.class, done -> this)
                .build();
    }

    private Behavior<Command> onToScheduler(ToScheduler message) {
        if (handingOver) {
            stash.stash(message);
            return this;
        }
        memory.remember(message.command());
        scheduler.tell(message.command());
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

    private Behavior<Command> onGetSyncStats(GetSyncStats request) {
        getContext()
                .spawnAnonymous(
                        StatsCollector.create(
                                new StatsCollector.Request(
                                        mode,
                                        engine.map(EngineChildren::peerCount).orElse(0),
                                        engine.flatMap(EngineChildren::failure),
                                        gateway,
                                        engine.map(EngineChildren::writer),
                                        engine.map(EngineChildren::headTracker),
                                        request.replyTo())));
        return this;
    }

    private Behavior<Command> onGetScheduler(GetScheduler request) {
        request.replyTo().tell(gateway);
        return this;
    }

    private Behavior<Command> onPeerReady(PeerReady ready) {
        if (engine.isEmpty()) {
            getContext()
                    .getLog()
                    .warn(
                            "peer {} ignored: this supervisor runs the scheduler alone",
                            ready.link().id());
            return this;
        }
        engine.get().startPeer(ready.link());
        return this;
    }

    private Behavior<Command> onPeerStopped(PeerStopped stopped) {
        engine.ifPresent(children -> children.peerStopped(stopped.peer()));
        return this;
    }

    private Behavior<Command> onWriterFailed(WriterFailed failed) {
        engine.ifPresent(children -> children.stopSync(failed.reason()));
        return this;
    }

    /**
     * The head tracker found a reorg deeper than the rollback window (it logged it): sync stops.
     */
    private Behavior<Command> onChainStopped(ChainStopped stopped) {
        engine.ifPresent(children -> children.stopSync(stopped.reason()));
        return this;
    }

    private Behavior<Command> onToWriter(ToWriter message) {
        engine.ifPresent(children -> children.writer().tell(message.command()));
        return this;
    }

    private Behavior<Command> onSubscribeRollbacks(SubscribeRollbacks subscribe) {
        engine.ifPresent(
                children ->
                        children.writer()
                                .tell(new Writer.AddRollbackListener(subscribe.listener())));
        return this;
    }

    private Behavior<Command> onTargetReached(TargetReached reached) {
        if (mode != SyncMode.FOLLOW) {
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
            // behind
            // this one. A note to self is queued after it: if the handover has not come by then, it
            // never will.
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
        engine.ifPresent(
                children -> children.headTracker().tell(new HeadTracker.ModeChanged(mode)));
        return stash.unstashAll(this);
    }

    private ActorRef<Scheduler.Command> spawnScheduler(Optional<SchedulerHandover> predecessor) {
        generation++;
        SchedulerSettings modeSettings = settings.forMode(mode);
        Behavior<Scheduler.Command> behavior =
                Behaviors.supervise(factory.create(modeSettings, env, predecessor))
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
