package io.annals.sync.scenario;

import com.typesafe.config.ConfigFactory;
import io.annals.sync.BlockRange;
import io.annals.sync.PeerId;
import io.annals.sync.Scheduler;
import io.annals.sync.SchedulerSettings;
import io.annals.sync.SchedulerStats;
import io.annals.sync.SyncSettings;
import io.annals.sync.SyncSupervisor;
import io.annals.sync.TimeSource;
import io.annals.sync.mailbox.MeteredMailbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.ActorPath;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.testkit.ExplicitlyTriggeredScheduler;

/**
 * A scheduler (alone or under its supervisor), scripted peers and a fake writer on an actor system
 * whose time is manual. Time moves in steps; after each step the simulation waits until no actor
 * has anything left to do (see {@link #settle()}), so each step's consequences have all played
 * out in virtual time before the next step — minutes of backoff take milliseconds.
 */
final class Simulation implements AutoCloseable {

  private static final Duration PROBE_WAIT = Duration.ofSeconds(20);

  final ActorTestKit kit;
  private final ExplicitlyTriggeredScheduler manual;
  final TimeSource clock;
  final ActorRef<Scheduler.Command> scheduler;
  final Optional<ActorRef<SyncSupervisor.Command>> supervisor;
  final ActorRef<FakeWriter.Command> writer;
  private final Map<PeerId, ActorRef<ScriptedPeer.Command>> peers = new LinkedHashMap<>();
  private final TestProbe<ScriptedPeer.State> peerProbe;
  private final TestProbe<FakeWriter.State> writerProbe;
  private final TestProbe<SchedulerStats> statsProbe;
  private final Duration writeDelay;

  private Simulation(SchedulerSettings settings, SyncSettings supervised, Duration writeDelay) {
    this(settings, supervised, writeDelay, Scheduler::create);
  }

  private Simulation(SchedulerSettings settings, SyncSettings supervised, Duration writeDelay,
      SyncSupervisor.SchedulerFactory factory) {
    this.kit = ActorTestKit.create("sim", ManualTime.config().withFallback(ConfigFactory.load()));
    this.manual = (ExplicitlyTriggeredScheduler) Adapter.toClassic(kit.system()).scheduler();
    this.clock = manual::currentTimeMs;
    this.writeDelay = writeDelay;
    this.peerProbe = kit.createTestProbe();
    this.writerProbe = kit.createTestProbe();
    this.statsProbe = kit.createTestProbe();
    ActorPath writerPath = kit.system().path().root().$div("user").$div("writer");
    if (supervised == null) {
      Scheduler.Environment env = new Scheduler.Environment(clock, Duration.ofSeconds(10), Map.of("writer", writerPath));
      this.scheduler = kit.spawn(Scheduler.create(settings, env), "scheduler",
          MailboxSelector.fromConfig(MeteredMailbox.CONFIG_PATH));
      this.supervisor = Optional.empty();
    } else {
      ActorRef<SyncSupervisor.Command> root = kit.spawn(
          SyncSupervisor.create(supervised, clock, Map.of("writer", writerPath), factory), "sync");
      TestProbe<ActorRef<Scheduler.Command>> gatewayProbe = kit.createTestProbe();
      root.tell(new SyncSupervisor.GetScheduler(gatewayProbe.ref()));
      this.scheduler = gatewayProbe.receiveMessage(PROBE_WAIT);
      this.supervisor = Optional.of(root);
    }
    this.writer = kit.spawn(FakeWriter.create(scheduler, clock, writeDelay), "writer",
        MailboxSelector.fromConfig(MeteredMailbox.CONFIG_PATH));
  }

  static Simulation withScheduler(SchedulerSettings settings, Duration writeDelay) {
    return new Simulation(settings, null, writeDelay);
  }

  static Simulation withSupervisor(SyncSettings settings, Duration writeDelay) {
    return new Simulation(null, settings, writeDelay);
  }

  static Simulation withSupervisor(SyncSettings settings, Duration writeDelay,
      SyncSupervisor.SchedulerFactory factory) {
    return new Simulation(null, settings, writeDelay, factory);
  }

  long now() {
    return clock.nowMillis();
  }

  void addRange(long first, long last) {
    scheduler.tell(new Scheduler.AddRange(BlockRange.of(first, last)));
    settle();
  }

  ActorRef<ScriptedPeer.Command> addPeer(PeerId id, long head, ScriptedPeer.Script script, Duration latency) {
    ActorRef<ScriptedPeer.Command> peer = kit.spawn(
        ScriptedPeer.create(id, head, script, latency, scheduler, writer, clock), "peer-" + id.value());
    peers.put(id, peer);
    peer.tell(new ScriptedPeer.Start());
    settle();
    return peer;
  }

  void tell(PeerId id, ScriptedPeer.Command command) {
    peers.get(id).tell(command);
  }

  /** Moves time forward in steps, settling after each and calling {@code afterStep}. */
  void advance(Duration total, Duration step, Runnable afterStep) {
    long steps = total.toMillis() / step.toMillis();
    for (long i = 0; i < steps; i++) {
      passTime(step);
      settle();
      afterStep.run();
    }
  }

  /**
   * What {@code ManualTime.timePasses} does without its fixed 100 ms real-time sleep (which is
   * there to let actors catch up; {@link #settle()} does that exactly): run every timer due within
   * the step, in time order, then leave the clock at the end of the step (a no-op task marks it).
   */
  private void passTime(Duration step) {
    long target = manual.currentTimeMs() + step.toMillis();
    manual.scheduleOnce(step, () -> {}, kit.system().executionContext());
    manual.executeTasks(target);
  }

  void advance(Duration total, Duration step) {
    advance(total, step, () -> {});
  }

  /**
   * Waits until every actor is idle: probes every actor in turn, and stops after two rounds in
   * which no actor handled a message. A message still in flight would have been handled before
   * its receiver's probe in the later round (its sender handled the message that caused it before
   * answering the earlier round), so equal rounds mean nothing is left to do until time moves.
   */
  void settle() {
    List<Long> previous = null;
    while (true) {
      List<Long> current = counts();
      if (current.equals(previous)) {
        return;
      }
      previous = current;
    }
  }

  private List<Long> counts() {
    // one round: every actor is probed at once, and the round ends when all have answered
    peers.values().forEach(peer -> peer.tell(new ScriptedPeer.Probe(peerProbe.ref())));
    writer.tell(new FakeWriter.Probe(writerProbe.ref()));
    requestStats();
    List<Long> counts = new ArrayList<>();
    java.util.TreeMap<PeerId, Long> byPeer = new java.util.TreeMap<>();
    for (int i = 0; i < peers.size(); i++) {
      ScriptedPeer.State state = peerProbe.receiveMessage(PROBE_WAIT);
      byPeer.put(state.peer(), state.handled());
    }
    counts.addAll(byPeer.values());
    counts.add(writerProbe.receiveMessage(PROBE_WAIT).handled());
    counts.add(statsProbe.receiveMessage(PROBE_WAIT).messagesHandled());
    return counts;
  }

  SchedulerStats stats() {
    requestStats();
    return statsProbe.receiveMessage(PROBE_WAIT);
  }

  private void requestStats() {
    if (supervisor.isPresent()) {
      supervisor.get().tell(new SyncSupervisor.GetStats(statsProbe.ref()));
    } else {
      scheduler.tell(new Scheduler.GetStats(statsProbe.ref()));
    }
  }

  /**
   * Waits until the scheduler answers again: a stats request that reaches a scheduler just as it
   * crashes is lost with it, so this asks until the successor replies.
   */
  void awaitSchedulerAnswers() {
    TestProbe<SchedulerStats> probe = kit.createTestProbe();
    for (int attempt = 0; attempt < 50; attempt++) {
      supervisor.orElseThrow().tell(new SyncSupervisor.GetStats(probe.ref()));
      try {
        probe.receiveMessage(Duration.ofMillis(200));
        return;
      } catch (AssertionError noAnswerYet) {
        // the request went to the scheduler that died; ask its successor
      }
    }
    throw new AssertionError("the scheduler never answered again");
  }

  ScriptedPeer.State peer(PeerId id) {
    peers.get(id).tell(new ScriptedPeer.Probe(peerProbe.ref()));
    return peerProbe.receiveMessage(PROBE_WAIT);
  }

  List<ScriptedPeer.State> peers() {
    List<ScriptedPeer.State> states = new ArrayList<>();
    peers.keySet().forEach(id -> states.add(peer(id)));
    return states;
  }

  FakeWriter.State writer() {
    writer.tell(new FakeWriter.Probe(writerProbe.ref()));
    return writerProbe.receiveMessage(PROBE_WAIT);
  }

  FakeWriter.Contents writerContents() {
    TestProbe<FakeWriter.Contents> probe = kit.createTestProbe();
    writer.tell(new FakeWriter.Inspect(probe.ref()));
    return probe.receiveMessage(PROBE_WAIT);
  }

  Duration writeDelay() {
    return writeDelay;
  }

  @Override
  public void close() {
    kit.shutdownTestKit();
  }
}
