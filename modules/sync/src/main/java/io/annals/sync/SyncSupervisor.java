package io.annals.sync;

import io.annals.sync.ledger.RunSet;
import io.annals.sync.mailbox.MeteredMailbox;
import java.util.ArrayList;
import java.util.HashMap;
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
 * where the follow-mode backoff cap is applied) and restarts it on a mode switch without losing
 * its queues: the old scheduler hands over an immutable snapshot and stops, the new one starts
 * from it. Everyone talks to the scheduler through the supervisor's gateway ({@link GetScheduler}),
 * so nothing sent during a switch is lost: the supervisor stashes it and replays it to the
 * successor. If the scheduler crashes, its successor starts from the ranges still outstanding and
 * every known peer is told to ask again (messages forwarded to the dying scheduler between its
 * crash and the supervisor noticing are lost; reports are repeated by re-fetching, requests by the
 * RecheckHead every peer gets). Writer, peer actors and head tracker slot in here as
 * further children.
 */
public final class SyncSupervisor extends AbstractBehavior<SyncSupervisor.Command> {

  public sealed interface Command {}

  /** Restart the scheduler with {@code mode}'s settings, keeping its state; replies when done. */
  public record SwitchMode(SyncMode mode, ActorRef<ModeSwitched> replyTo) implements Command {}

  public record ModeSwitched(SyncMode mode) {}

  /** The stats of the current scheduler. */
  public record GetStats(ActorRef<SchedulerStats> replyTo) implements Command {}

  /** The stable address of the scheduler, valid across switches and restarts. */
  public record GetScheduler(ActorRef<ActorRef<Scheduler.Command>> replyTo) implements Command {}

  private record ToScheduler(Scheduler.Command command) implements Command {}

  private record HandedOver(Scheduler.Handover handover) implements Command {}

  private record SchedulerStopped(ActorRef<Scheduler.Command> scheduler) implements Command {}

  /** Sent to self behind a handover reply that may still be queued; see onSchedulerStopped. */
  private record HandoverCheck(ActorRef<Scheduler.Command> scheduler) implements Command {}

  /** Builds the scheduler behavior; tests substitute one to inject faults. */
  @FunctionalInterface
  public interface SchedulerFactory {
    Behavior<Scheduler.Command> create(SchedulerSettings settings, Scheduler.Environment env,
        Optional<Scheduler.Handover> predecessor);
  }

  /** Messages held while a handover is under way; past this the engine is badly overloaded. */
  private static final int STASH_CAPACITY = 100_000;

  private final SyncSettings settings;
  private final Scheduler.Environment env;
  private final SchedulerFactory factory;
  private final StashBuffer<Command> stash;
  private final ActorRef<Scheduler.Command> gateway;
  private final ActorRef<Scheduler.Handover> handoverAdapter;
  /** Blocks of the target ranges not yet persisted: what a crashed scheduler's successor needs. */
  private final RunSet outstanding = new RunSet();
  private final Map<PeerId, ActorRef<Scheduler.WorkReply>> knownPeers = new HashMap<>();
  private final List<ActorRef<ModeSwitched>> switchWaiters = new ArrayList<>();
  private SyncMode mode;
  private ActorRef<Scheduler.Command> scheduler;
  private boolean handingOver;
  private int generation;

  public static Behavior<Command> create(SyncSettings settings, TimeSource clock) {
    return create(settings, clock, Map.of(), Scheduler::create);
  }

  /**
   * @param watchedMailboxes actors (by name) whose mailbox depth the stall report shows
   * @param factory builds the scheduler; {@code Scheduler::create} outside tests
   */
  public static Behavior<Command> create(SyncSettings settings, TimeSource clock,
      Map<String, ActorPath> watchedMailboxes, SchedulerFactory factory) {
    return Behaviors.setup(context -> Behaviors.withStash(STASH_CAPACITY, stash ->
        new SyncSupervisor(context, stash, settings,
            new Scheduler.Environment(clock, settings.rateWindow(), watchedMailboxes), factory)));
  }

  private SyncSupervisor(ActorContext<Command> context, StashBuffer<Command> stash, SyncSettings settings,
      Scheduler.Environment env, SchedulerFactory factory) {
    super(context);
    this.settings = settings;
    this.env = env;
    this.factory = factory;
    this.stash = stash;
    this.mode = settings.initialMode();
    this.gateway = context.messageAdapter(Scheduler.Command.class, ToScheduler::new);
    this.handoverAdapter = context.messageAdapter(Scheduler.Handover.class, HandedOver::new);
    this.scheduler = spawnScheduler(Optional.empty());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(ToScheduler.class, this::onToScheduler)
        .onMessage(GetStats.class, this::onGetStats)
        .onMessage(GetScheduler.class, this::onGetScheduler)
        .onMessage(SwitchMode.class, this::onSwitchMode)
        .onMessage(HandedOver.class, this::onHandedOver)
        .onMessage(SchedulerStopped.class, this::onSchedulerStopped)
        .onMessage(HandoverCheck.class, this::onHandoverCheck)
        .build();
  }

  private Behavior<Command> onToScheduler(ToScheduler message) {
    if (handingOver) {
      stash.stash(message);
      return this;
    }
    remember(message.command());
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

  private Behavior<Command> onGetScheduler(GetScheduler request) {
    request.replyTo().tell(gateway);
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
    getContext().getLog().info("switching sync from {} to {} mode", mode.configSection(),
        request.mode().configSection());
    mode = request.mode();
    switchWaiters.add(request.replyTo());
    handingOver = true;
    scheduler.tell(new Scheduler.HandOver(handoverAdapter));
    return this;
  }

  private Behavior<Command> onHandedOver(HandedOver handed) {
    scheduler = spawnScheduler(Optional.of(handed.handover()));
    handingOver = false;
    switchWaiters.forEach(waiter -> waiter.tell(new ModeSwitched(mode)));
    switchWaiters.clear();
    return stash.unstashAll(this);
  }

  private Behavior<Command> onSchedulerStopped(SchedulerStopped stopped) {
    if (!stopped.scheduler().equals(scheduler)) {
      return this; // a predecessor that handed over and stopped, as planned
    }
    if (handingOver) {
      // Death notices overtake ordinary messages, so the handover reply may still be queued behind
      // this one. A note to self is queued after it: if the handover has not come by then, it never will.
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
    getContext().getLog().error("scheduler {} stopped unexpectedly; restarting it from {} outstanding blocks "
        + "and asking {} peers to request again", scheduler.path().name(), outstanding.size(), knownPeers.size());
    scheduler = spawnScheduler(Optional.empty());
    for (BlockRange run : outstanding.runs()) {
      scheduler.tell(new Scheduler.AddRange(run));
    }
    knownPeers.values().forEach(peer -> peer.tell(new Scheduler.RecheckHead()));
    if (!handingOver) {
      return this;
    }
    handingOver = false;
    switchWaiters.forEach(waiter -> waiter.tell(new ModeSwitched(mode)));
    switchWaiters.clear();
    return stash.unstashAll(this);
  }

  /** Keeps what a crashed scheduler's successor needs: outstanding blocks and peers' addresses. */
  private void remember(Scheduler.Command command) {
    if (command instanceof Scheduler.AddRange add) {
      outstanding.addRange(add.range().first(), add.range().last());
    } else if (command instanceof Scheduler.WithdrawRange withdraw) {
      outstanding.removeRange(withdraw.range().first(), withdraw.range().last());
    } else if (command instanceof Scheduler.Persisted persisted) {
      persisted.blocks().forEach(outstanding::remove);
    } else if (command instanceof Scheduler.RequestWork request) {
      knownPeers.put(request.peer(), request.replyTo());
    } else if (command instanceof Scheduler.PeerLeft left) {
      knownPeers.remove(left.peer());
    }
  }

  private ActorRef<Scheduler.Command> spawnScheduler(Optional<Scheduler.Handover> predecessor) {
    generation++;
    SchedulerSettings modeSettings = settings.forMode(mode);
    Behavior<Scheduler.Command> behavior = Behaviors.supervise(factory.create(modeSettings, env, predecessor))
        .onFailure(SupervisorStrategy.stop());
    ActorRef<Scheduler.Command> child = getContext().spawn(behavior, "scheduler-" + generation,
        MailboxSelector.fromConfig(MeteredMailbox.CONFIG_PATH));
    getContext().watchWith(child, new SchedulerStopped(child));
    getContext().getLog().info("scheduler {} started in {} mode (max block backoff {})", child.path().name(),
        mode.configSection(), modeSettings.maxBlockBackoff());
    return child;
  }
}
