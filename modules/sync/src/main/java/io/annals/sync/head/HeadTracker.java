package io.annals.sync.head;

import io.annals.store.BlockRange;
import io.annals.sync.PeerId;
import io.annals.sync.Scheduler;
import io.annals.sync.SyncMode;
import io.annals.sync.write.SyncStore;
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
 * (claimed by announcements, proven by probes; {@link HeadVotes} decides what counts), the writer
 * reports the store's contiguous head, and the tracker hands the scheduler each new part of the
 * target ({@code AddRange}) as the head moves ({@link TargetPlanner}): the start block up to head
 * minus the rollback window in historical mode, up to the head in follow mode, so the store's tip
 * advances in order. When the contiguous head reaches the historical target it tells the
 * supervisor, which switches the scheduler to follow mode and answers with {@link ModeChanged}.
 *
 * <p>Reorgs slot in here: the writer reports every block it refuses because it contradicts the
 * stored chain ({@link ParentMismatch}). At the tip in follow mode that is how a reorg shows; the
 * reorg handling will, from that message, walk back from the network head to the common ancestor
 * with a peer that proves the new head, roll the store back atomically above it, withdraw the
 * dropped range from the scheduler and add it again. Today the tracker counts and reports them.
 */
public final class HeadTracker extends AbstractBehavior<HeadTracker.Command> {

  public sealed interface Command {}

  /** A peer's head: claimed by an announcement, or proven by serving the header. */
  public record PeerHead(PeerId peer, long head, boolean proven) implements Command {}

  public record PeerGone(PeerId peer) implements Command {}

  /** The writer's report after a write: the store's contiguous head (-1 when none). */
  public record StoreAdvanced(long contiguousHead) implements Command {}

  /** The writer refused a block that contradicts the stored chain (see {@link HeadTracker}). */
  public record ParentMismatch(long block, PeerId peer, String reason) implements Command {}

  /** The supervisor switched the scheduler to this mode. */
  public record ModeChanged(SyncMode mode) implements Command {}

  /** Sync stopped (a writer failure): add no more ranges, keep answering stats. */
  public record Halt() implements Command {}

  public record GetStats(ActorRef<HeadStats> replyTo) implements Command {}

  private record Resumed(StoreView view, Throwable failure) implements Command {}

  /** Told once when the store holds the whole historical target. */
  public record HistoricalTargetReached(long contiguousHead) {}

  public record Wiring(ActorRef<Scheduler.Command> scheduler, ActorRef<HistoricalTargetReached> targetReached) {}

  /** What the store held when the engine started. */
  private record StoreView(long startBlock, OptionalLong contiguousHead, List<BlockRange> present) {}

  private final HeadSettings settings;
  private final Wiring wiring;
  private final HeadVotes votes;
  private SyncMode initialMode;
  private TargetPlanner planner;
  private long contiguousHead = -1;
  private long highestHead = -1;
  private boolean switchRequested;
  private boolean halted;
  private long mismatches;
  private Optional<String> lastMismatch = Optional.empty();

  public static Behavior<Command> create(HeadSettings settings, SyncMode initialMode, SyncStore store,
      Wiring wiring) {
    return Behaviors.setup(context -> new HeadTracker(context, settings, initialMode, store, wiring));
  }

  private HeadTracker(ActorContext<Command> context, HeadSettings settings, SyncMode initialMode, SyncStore store,
      Wiring wiring) {
    super(context);
    this.settings = settings;
    this.wiring = wiring;
    this.initialMode = initialMode;
    this.votes = new HeadVotes(settings.quorum());
    Executor blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(WriterSettings.DISPATCHER));
    context.pipeToSelf(CompletableFuture.supplyAsync(
            () -> new StoreView(store.startBlock(), store.contiguousHead(), store.presentRanges()), blocking),
        Resumed::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(PeerHead.class, this::onPeerHead)
        .onMessage(PeerGone.class, this::onPeerGone)
        .onMessage(StoreAdvanced.class, this::onStoreAdvanced)
        .onMessage(ParentMismatch.class, this::onParentMismatch)
        .onMessage(ModeChanged.class, this::onModeChanged)
        .onMessage(Halt.class, this::onHalt)
        .onMessage(GetStats.class, this::onGetStats)
        .onMessage(Resumed.class, this::onResumed)
        .build();
  }

  private Behavior<Command> onResumed(Resumed resumed) {
    if (resumed.failure() != null) {
      throw new IllegalStateException("cannot read the store to resume sync", resumed.failure());
    }
    StoreView view = resumed.view();
    contiguousHead = view.contiguousHead().orElse(-1);
    planner = new TargetPlanner(view.startBlock(), settings.rollbackWindow(), initialMode, view.present());
    getContext().getLog().info("resuming {} sync from block {}: contiguous head {}, {} stored runs",
        initialMode.configSection(), view.startBlock(), contiguousHead, view.present().size());
    return update();
  }

  private Behavior<Command> onPeerHead(PeerHead head) {
    votes.claim(head.peer(), head.head(), head.proven());
    return update();
  }

  private Behavior<Command> onPeerGone(PeerGone gone) {
    votes.forget(gone.peer());
    return this;
  }

  private Behavior<Command> onStoreAdvanced(StoreAdvanced advanced) {
    contiguousHead = Math.max(contiguousHead, advanced.contiguousHead());
    return update();
  }

  private Behavior<Command> onParentMismatch(ParentMismatch mismatch) {
    mismatches++;
    lastMismatch = Optional.of("block " + mismatch.block() + " from " + mismatch.peer() + ": " + mismatch.reason());
    getContext().getLog().warn("block {} from {} contradicts the stored chain: {}", mismatch.block(), mismatch.peer(),
        mismatch.reason());
    return this;
  }

  private Behavior<Command> onModeChanged(ModeChanged changed) {
    if (planner == null) {
      initialMode = changed.mode();
      return this;
    }
    planner.switchedTo(changed.mode());
    getContext().getLog().info("following the head from block {} (network head {})", planner.addedThrough() + 1,
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
    request.replyTo().tell(new HeadStats(mode, head, votes.proven(), votes.peers(), through, contiguousHead, lag,
        mismatches, lastMismatch));
    return this;
  }

  private Behavior<Command> update() {
    long head = votes.head();
    if (head > highestHead) {
      highestHead = head;
      getContext().getLog().debug("network head {}", head);
    }
    if (planner == null || halted) {
      return this;
    }
    for (io.annals.sync.BlockRange run : planner.extendTo(highestHead)) {
      wiring.scheduler().tell(new Scheduler.AddRange(run));
    }
    if (!switchRequested && planner.historicalTargetReached(contiguousHead)) {
      switchRequested = true;
      getContext().getLog().info("historical target reached at block {} (network head {})", contiguousHead,
          highestHead);
      wiring.targetReached().tell(new HistoricalTargetReached(contiguousHead));
    }
    return this;
  }
}
