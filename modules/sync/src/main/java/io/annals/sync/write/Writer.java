package io.annals.sync.write;

import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.sync.PeerId;
import io.annals.sync.Scheduler;
import io.annals.sync.head.HeadTracker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Persists validated blocks. Owns a Pekko Streams pipeline: a bounded queue of blocks, grouped
 * into batches by bytes, block count and a time bound, each batch one atomic store write
 * ({@code mapAsync(1)}: one write at a time, in order) on the dedicated blocking dispatcher
 * {@value WriterSettings#DISPATCHER}. Before a write, {@link ParentLinks} refuses blocks that
 * contradict the stored chain. After it, the scheduler is told which blocks are durable
 * ({@code Persisted}; a block stored already counts, so a repeated delivery is harmless) and which
 * were refused ({@code Rejected}), and the head tracker where the store's contiguous head is.
 *
 * <p>Backpressure is the scheduler's durability window ({@code max-blocks-unpersisted}): it never
 * has more blocks in flight and unpersisted than that, so the queue (sized above it) does not fill;
 * if it does, the blocks go back to the scheduler ({@code PersistFailed}), counted as dropped. A
 * store failure (disk full, I/O error, closed store) fails the stream: the writer stops writing,
 * tells {@link Failed} once and keeps answering stats with the error. Nothing it acknowledged is
 * lost: a write is acknowledged only after its batch committed.
 */
public final class Writer extends AbstractBehavior<Writer.Command> {

  public sealed interface Command {}

  /** Validated blocks from one peer's batch. */
  public record Store(PeerId peer, List<ValidatedBlock> blocks) implements Command {
    public Store {
      blocks = List.copyOf(blocks);
    }
  }

  public record GetStats(ActorRef<WriterStats> replyTo) implements Command {}

  private record Written(WriteOutcome outcome) implements Command {}

  private record StreamEnded(Throwable failure) implements Command {}

  /** Told once when the store refused a write and the writer stopped writing. */
  public record Failed(String reason) {}

  /** Where the writer reports. */
  public record Wiring(ActorRef<Scheduler.Command> scheduler, ActorRef<HeadTracker.Command> headTracker,
      ActorRef<Failed> failures) {}

  /** One store write's result, computed on the blocking dispatcher. */
  private record WriteOutcome(int groupSize, List<Long> persisted, int written, long bytes,
      List<ParentLinks.Refusal> refused, OptionalLong contiguousHead) {}

  /** A store write threw: the stream fails with this, naming the blocks that were not written. */
  private static final class WriteFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    WriteFailedException(int blocks, RuntimeException cause) {
      super("writing " + blocks + " blocks failed: " + cause.getMessage(), cause);
    }
  }

  private final Wiring wiring;
  private final BoundedSourceQueue<PendingBlock> queue;
  private long received;
  private long persisted;
  private long written;
  private long writes;
  private long bytes;
  private long queued;
  private long refused;
  private long dropped;
  private OptionalLong contiguousHead = OptionalLong.empty();
  private Optional<String> failure = Optional.empty();

  public static Behavior<Command> create(SyncStore store, WriterSettings settings, Wiring wiring) {
    return Behaviors.setup(context -> new Writer(context, store, settings, wiring));
  }

  private Writer(ActorContext<Command> context, SyncStore store, WriterSettings settings, Wiring wiring) {
    super(context);
    this.wiring = wiring;
    Executor blocking = context.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(WriterSettings.DISPATCHER));
    ActorRef<Command> self = context.getSelf();
    Pair<BoundedSourceQueue<PendingBlock>, CompletionStage<Done>> pipeline = Source.<PendingBlock>queue(
            settings.queueCapacity())
        .groupedWeightedWithin(settings.maxBatchBytes(), settings.maxBatchBlocks(),
            block -> Math.max(1L, block.bytes()), settings.maxBatchDelay())
        .mapAsync(1, group -> CompletableFuture.supplyAsync(() -> write(store, group), blocking))
        .toMat(Sink.foreach(outcome -> self.tell(new Written(outcome))), Keep.both())
        .run(Materializer.createMaterializer(context));
    this.queue = pipeline.first();
    context.pipeToSelf(pipeline.second(), (done, streamFailure) -> new StreamEnded(streamFailure));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Store.class, this::onStore)
        .onMessage(Written.class, this::onWritten)
        .onMessage(StreamEnded.class, this::onStreamEnded)
        .onMessage(GetStats.class, this::onGetStats)
        .build();
  }

  private Behavior<Command> onStore(Store store) {
    received += store.blocks().size();
    List<Long> refusedByQueue = new ArrayList<>();
    for (ValidatedBlock block : store.blocks()) {
      QueueOfferResult result = failure.isPresent() ? QueueOfferResult.dropped()
          : queue.offer(new PendingBlock(store.peer(), block.block(), block.bytes()));
      if (result == QueueOfferResult.enqueued()) {
        queued++;
      } else {
        refusedByQueue.add(block.number());
      }
    }
    if (!refusedByQueue.isEmpty()) {
      dropped += refusedByQueue.size();
      if (failure.isEmpty()) {
        wiring.scheduler().tell(new Scheduler.PersistFailed(refusedByQueue, "the writer's queue is full"));
      }
    }
    return this;
  }

  private Behavior<Command> onWritten(Written message) {
    WriteOutcome outcome = message.outcome();
    writes++;
    queued -= outcome.groupSize();
    persisted += outcome.persisted().size();
    written += outcome.written();
    bytes += outcome.bytes();
    refused += outcome.refused().size();
    contiguousHead = outcome.contiguousHead();
    if (!outcome.persisted().isEmpty()) {
      wiring.scheduler().tell(new Scheduler.Persisted(outcome.persisted()));
    }
    reportRefusals(outcome.refused());
    wiring.headTracker().tell(new HeadTracker.StoreAdvanced(contiguousHead.orElse(-1)));
    return this;
  }

  private void reportRefusals(List<ParentLinks.Refusal> refusals) {
    Map<PeerId, List<Long>> byPeer = new LinkedHashMap<>();
    for (ParentLinks.Refusal refusal : refusals) {
      byPeer.computeIfAbsent(refusal.block().peer(), peer -> new ArrayList<>()).add(refusal.block().number());
      wiring.headTracker().tell(new HeadTracker.ParentMismatch(refusal.block().number(), refusal.block().peer(),
          refusal.reason()));
    }
    byPeer.forEach((peer, blocks) -> wiring.scheduler().tell(new Scheduler.Rejected(peer, blocks,
        "contradicts the stored chain")));
  }

  private Behavior<Command> onStreamEnded(StreamEnded ended) {
    if (ended.failure() == null || failure.isPresent()) {
      return this;
    }
    Throwable cause = ended.failure() instanceof CompletionException && ended.failure().getCause() != null
        ? ended.failure().getCause() : ended.failure();
    failure = Optional.of(cause.getMessage());
    getContext().getLog().error("the store refused a write; sync stops ({} blocks persisted before): {}", persisted,
        cause.getMessage(), cause);
    wiring.failures().tell(new Failed(cause.getMessage()));
    return this;
  }

  private Behavior<Command> onGetStats(GetStats request) {
    request.replyTo().tell(new WriterStats(received, persisted, written, writes, bytes, queued, refused, dropped,
        contiguousHead, failure));
    return this;
  }

  /** One batch: check the links, write what passes in one atomic store write. Blocking. */
  private static WriteOutcome write(SyncStore store, List<PendingBlock> group) {
    try {
      ParentLinks.Verdict verdict = ParentLinks.check(group, store);
      List<FullBlock> blocks = verdict.accepted().stream().map(PendingBlock::block).toList();
      HistoryStore.WriteResult result = blocks.isEmpty() ? new HistoryStore.WriteResult(0, 0, 0) : store.write(blocks);
      List<Long> numbers = blocks.stream().map(FullBlock::number).toList();
      return new WriteOutcome(group.size(), numbers, result.blocksWritten(), result.bytes(), verdict.refused(),
          store.contiguousHead());
    } catch (RuntimeException e) {
      throw new WriteFailedException(group.size(), e);
    }
  }
}
