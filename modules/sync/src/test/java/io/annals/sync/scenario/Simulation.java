package io.annals.sync.scenario;

import io.annals.store.BlockRange;
import io.annals.sync.SyncChildren;
import io.annals.sync.SyncSettings;
import io.annals.sync.SyncSupervisor;
import io.annals.sync.ledger.SchedulerSettings;
import io.annals.sync.mailbox.MeteredMailbox;
import io.annals.sync.model.PeerId;
import io.annals.sync.model.SyncMode;
import io.annals.sync.model.TimeSource;
import io.annals.sync.scheduler.Scheduler;
import io.annals.sync.scheduler.SchedulerEnvironment;
import io.annals.sync.scheduler.SchedulerStats;
import io.annals.sync.write.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A scheduler (alone or under its supervisor), scripted peers and a fake writer in a {@link
 * SimulationSystem}: every actor runs on the test thread in virtual time, one message at a time, so
 * a run is a function of its script and seed alone. Time moves in steps; within a step each timer
 * fires at its own time and everything it causes plays out before the next one fires, so minutes of
 * backoff take milliseconds and no outcome depends on how threads interleave.
 */
final class Simulation implements AutoCloseable {

    private final SimulationSystem sim;
    final TimeSource clock;
    final ActorRef<Scheduler.Command> scheduler;
    final Optional<ActorRef<SyncSupervisor.Command>> supervisor;
    final ActorRef<Object> writer;
    private final Map<PeerId, ActorRef<ScriptedPeer.Command>> peers = new LinkedHashMap<>();
    private final SimulationSystem.Inbox<ScriptedPeer.State> peerInbox;
    private final SimulationSystem.Inbox<FakeWriter.State> writerInbox;
    private final SimulationSystem.Inbox<FakeWriter.Contents> contentsInbox;
    private final SimulationSystem.Inbox<SchedulerStats> statsInbox;
    private final Duration writeDelay;

    /** The scheduler alone, told of durable blocks by the fake writer's events. */
    private Simulation(SchedulerSettings settings, Duration writeDelay) {
        this.sim = new SimulationSystem("sim");
        this.clock = sim::now;
        this.writeDelay = writeDelay;
        this.peerInbox = sim.inbox("peer-states");
        this.writerInbox = sim.inbox("writer-states");
        this.contentsInbox = sim.inbox("writer-contents");
        this.statsInbox = sim.inbox("stats");
        ActorPath writerPath = sim.system().path().root().$div("user").$div("writer");
        SchedulerEnvironment env =
                new SchedulerEnvironment(
                        clock, Duration.ofSeconds(10), Map.of("writer", writerPath));
        this.scheduler =
                sim.spawn(
                        Scheduler.create(settings, env, Optional.empty()),
                        "scheduler",
                        MailboxSelector.fromConfig(MeteredMailbox.CONFIG_PATH));
        this.supervisor = Optional.empty();
        ActorRef<Object>[] spawned = newHolder();
        sim.spawn(
                FakeWriter.create(clock, writeDelay, ref -> spawned[0] = ref),
                "writer",
                MailboxSelector.fromConfig(MeteredMailbox.CONFIG_PATH));
        this.writer = spawned[0];
        ActorRef<Writer.Event> persistedToScheduler =
                sim.spawn(
                        Behaviors.receiveMessage(
                                event -> {
                                    if (event instanceof Writer.BlocksStored stored) {
                                        scheduler.tell(new Scheduler.Persisted(stored.blocks()));
                                    }
                                    return Behaviors.same();
                                }),
                        "writer-events",
                        Props.empty());
        writer.tell(new Writer.Subscribe(persistedToScheduler));
        settle();
    }

    /**
     * The whole supervisor, with {@code factory}'s scheduler, the fake writer in the writer's place
     * and a head tracker and a chain guard that do nothing: the test adds the ranges and plays the
     * peers itself.
     */
    private Simulation(
            SyncSettings settings, Duration writeDelay, SyncChildren.SchedulerFactory factory) {
        this.sim = new SimulationSystem("sim");
        this.clock = sim::now;
        this.writeDelay = writeDelay;
        this.peerInbox = sim.inbox("peer-states");
        this.writerInbox = sim.inbox("writer-states");
        this.contentsInbox = sim.inbox("writer-contents");
        this.statsInbox = sim.inbox("stats");
        ActorRef<Object>[] spawned = newHolder();
        SyncChildren children =
                new SyncChildren(
                        factory,
                        writerSettings ->
                                FakeWriter.create(clock, writeDelay, ref -> spawned[0] = ref),
                        (guardSettings, writerRef, events) -> Behaviors.ignore(),
                        (headSettings, mode, headClock, wiring) -> Behaviors.ignore(),
                        (id, link, wiring, peerSettings, peerClock) -> Behaviors.ignore());
        ActorRef<SyncSupervisor.Command> root =
                sim.spawn(SyncSupervisor.create(settings, clock, children), "sync", Props.empty());
        SimulationSystem.Inbox<ActorRef<Scheduler.Command>> gateway = sim.inbox("gateway");
        this.scheduler = gateway.ask(sim, root, SyncSupervisor.GetScheduler::new);
        this.supervisor = Optional.of(root);
        this.writer = spawned[0];
    }

    @SuppressWarnings("unchecked")
    private static ActorRef<Object>[] newHolder() {
        return (ActorRef<Object>[]) new ActorRef<?>[1];
    }

    static Simulation withScheduler(SchedulerSettings settings, Duration writeDelay) {
        return new Simulation(settings, writeDelay);
    }

    static Simulation withSupervisor(SyncSettings settings, Duration writeDelay) {
        return new Simulation(settings, writeDelay, Scheduler::create);
    }

    static Simulation withSupervisor(
            SyncSettings settings, Duration writeDelay, SyncChildren.SchedulerFactory factory) {
        return new Simulation(settings, writeDelay, factory);
    }

    long now() {
        return clock.nowMillis();
    }

    void addRange(long first, long last) {
        scheduler.tell(new Scheduler.AddRange(BlockRange.of(first, last)));
        settle();
    }

    ActorRef<ScriptedPeer.Command> addPeer(
            PeerId id, long head, ScriptedPeer.Script script, Duration latency) {
        ActorRef<ScriptedPeer.Command> peer =
                sim.spawn(
                        ScriptedPeer.create(id, head, script, latency, scheduler, writer, clock),
                        "peer-" + id.value(),
                        Props.empty());
        peers.put(id, peer);
        peer.tell(new ScriptedPeer.Start());
        settle();
        return peer;
    }

    void tell(PeerId id, ScriptedPeer.Command command) {
        peers.get(id).tell(command);
    }

    /** Moves time forward in steps, calling {@code afterStep} after each. */
    void advance(Duration total, Duration step, Runnable afterStep) {
        long steps = total.toMillis() / step.toMillis();
        for (long i = 0; i < steps; i++) {
            sim.advance(step);
            afterStep.run();
        }
    }

    void advance(Duration total, Duration step) {
        advance(total, step, () -> {});
    }

    /** Runs every actor until none has anything left to do at the current virtual time. */
    void settle() {
        sim.drain();
    }

    SchedulerStats stats() {
        return supervisor.isPresent()
                ? statsInbox.ask(sim, supervisor.get(), SyncSupervisor.GetStats::new)
                : statsInbox.ask(sim, scheduler, Scheduler.GetStats::new);
    }

    /** Switches the supervised scheduler's mode and returns the supervisor's confirmation. */
    SyncSupervisor.ModeSwitched switchMode(SyncMode mode) {
        SimulationSystem.Inbox<SyncSupervisor.ModeSwitched> switched =
                sim.inbox("switched-" + mode.configSection());
        return switched.ask(
                sim,
                supervisor.orElseThrow(),
                replyTo -> new SyncSupervisor.SwitchMode(mode, replyTo));
    }

    ScriptedPeer.State peer(PeerId id) {
        return peerInbox.ask(sim, peers.get(id), ScriptedPeer.Probe::new);
    }

    List<ScriptedPeer.State> peers() {
        List<ScriptedPeer.State> states = new ArrayList<>();
        peers.keySet().forEach(id -> states.add(peer(id)));
        return states;
    }

    FakeWriter.State writer() {
        return writerInbox.ask(sim, writer, FakeWriter.Probe::new);
    }

    FakeWriter.Contents writerContents() {
        return contentsInbox.ask(sim, writer, FakeWriter.Inspect::new);
    }

    Duration writeDelay() {
        return writeDelay;
    }

    @Override
    public void close() {
        sim.close();
    }
}
