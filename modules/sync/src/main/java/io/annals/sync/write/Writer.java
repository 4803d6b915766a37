package io.annals.sync.write;

import io.annals.core.types.Hash;
import io.annals.sync.chain.LinkConflict;
import io.annals.sync.chain.RollbackPlan;
import io.annals.sync.model.PeerId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
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
 * Persists validated blocks and performs rollbacks, in the order it receives them, and tells its
 * subscribers what became of them ({@link Event}). It knows no other actor: whoever needs to know
 * subscribes ({@link Subscribe}) and adapts the events into its own protocol.
 *
 * <p>Owns a Pekko Streams pipeline: a bounded queue of operations, grouped into batches by bytes,
 * count and a time bound, each batch applied by the {@link WriteLane} ({@code mapAsync(1)}: one at
 * a time, in order) on the dedicated blocking dispatcher {@value WriterSettings#DISPATCHER}. Blocks
 * that contradict the stored chain are refused ({@link BlocksRefused}, with the conflict to judge);
 * blocks fetched before the last rollback are dropped; the rest is one atomic store write,
 * announced ({@link BlocksStored}) once durable. A rollback runs between the writes before and
 * after it, so no block of the dropped branch that was on its way can land after it ({@link
 * RolledBack}), and the {@link RollbackListener}s are called on the store thread. After each batch
 * the subscribers learn the store's contiguous head ({@link StoredUpTo}).
 *
 * <p>Backpressure is the scheduler's durability window ({@code max-blocks-unpersisted}): it never
 * has more blocks in flight and unpersisted than that, so the queue (sized above it) does not fill;
 * if it does, the blocks are returned ({@link BlocksReturned}), counted as dropped. A store failure
 * (disk full, I/O error, closed store) fails the stream: the writer stops writing, announces {@link
 * Failed} once and keeps answering stats with the error. Nothing it announced stored is lost: a
 * write is announced only after its batch committed.
 */
public final class Writer extends AbstractBehavior<Writer.Command> {

    public sealed interface Command {}

    /** Validated blocks of one peer's batch, assigned under branch {@code epoch}. */
    public record Store(PeerId peer, long epoch, List<ValidatedBlock> blocks) implements Command {
        public Store {
            blocks = List.copyOf(blocks);
        }
    }

    /** Drop the stored blocks {@code plan} names, after everything received before. */
    public record Rollback(RollbackPlan plan) implements Command {}

    /** Stop refusing blocks off the branch of the last rollback: the agreed head moved off it. */
    public record DropBranch() implements Command {}

    /**
     * Sync stopped (a reorg too deep to follow): write nothing more, and drop the stored blocks
     * above the contiguous head, so that the store is left as one chain.
     */
    public record Halt(String reason) implements Command {}

    /** Call {@code listener} on the store thread after every rollback from now on. */
    public record AddRollbackListener(RollbackListener listener) implements Command {}

    /** Send {@code subscriber} every event from now on (once, however often it subscribes). */
    public record Subscribe(ActorRef<Event> subscriber) implements Command {}

    /**
     * Reply once everything received before this is written (or refused, or dropped), or at once
     * when the writer stopped writing.
     */
    public record Drain(ActorRef<Drained> replyTo) implements Command {}

    public record GetStats(ActorRef<WriterStats> replyTo) implements Command {}

    private record Written(WriteLane.Outcome outcome) implements Command {}

    private record StreamEnded(Throwable failure) implements Command {}

    private record SubscriberGone(ActorRef<Event> subscriber) implements Command {}

    /**
     * The answer to {@link Drain}: what this run persisted, and the failure if the writer stopped.
     */
    public record Drained(long persisted, OptionalLong contiguousHead, Optional<String> failure) {}

    /** What the writer tells its subscribers, in the order it happened. */
    public sealed interface Event {}

    /** These blocks are durable. */
    public record BlocksStored(List<Long> blocks) implements Event {
        public BlocksStored {
            blocks = List.copyOf(blocks);
        }
    }

    /** Delivered blocks that were not written because they contradict the stored chain. */
    public record BlocksRefused(List<Refusal> refusals) implements Event {
        public BlocksRefused {
            refusals = List.copyOf(refusals);
        }
    }

    /** Blocks the writer could not take (its queue was full): they must be fetched again. */
    public record BlocksReturned(List<Long> blocks, String reason) implements Event {
        public BlocksReturned {
            blocks = List.copyOf(blocks);
        }
    }

    /**
     * The rollback of {@code plan} is done: the stored blocks {@code first..last} ({@code dropped},
     * ascending) are gone, and blocks assigned before branch {@code epoch} are dropped from now on.
     */
    public record RolledBack(
            RollbackPlan plan, long epoch, long first, long last, List<Hash> dropped)
            implements Event {
        public RolledBack {
            dropped = List.copyOf(dropped);
        }
    }

    /** The rollback of {@code plan} was not done; {@code tooDeep} when it would undo too much. */
    public record RollbackRefused(RollbackPlan plan, String reason, boolean tooDeep)
            implements Event {}

    /** After a batch: the store's contiguous head (-1 when none) and its hash. */
    public record StoredUpTo(long contiguousHead, Optional<Hash> headHash) implements Event {}

    /** Told once: the store refused a write and the writer stopped writing. */
    public record Failed(String reason) implements Event {}

    /**
     * One refused block, the peer that delivered it, and the conflict when it is with a stored
     * block.
     */
    public record Refusal(
            long block, PeerId peer, String reason, Optional<LinkConflict> conflict) {}

    /** A store write threw: the stream fails with this, naming what was not done. */
    private static final class WriteFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WriteFailedException(int operations, RuntimeException cause) {
            super(
                    "writing a batch of "
                            + operations
                            + " blocks and rollbacks failed: "
                            + cause.getMessage(),
                    cause);
        }
    }

    private final BoundedSourceQueue<WriteOp> queue;
    private final WriterFigures figures = new WriterFigures();
    private final List<RollbackListener> listeners = new ArrayList<>();
    private final Set<ActorRef<Event>> subscribers = new LinkedHashSet<>();
    private final List<ActorRef<Drained>> draining = new ArrayList<>();
    private Optional<String> failure = Optional.empty();
    private boolean halted;

    public static Behavior<Command> create(SyncStore store, WriterSettings settings) {
        return Behaviors.setup(context -> new Writer(context, store, settings));
    }

    private Writer(ActorContext<Command> context, SyncStore store, WriterSettings settings) {
        super(context);
        Executor blocking =
                context.getSystem()
                        .dispatchers()
                        .lookup(DispatcherSelector.fromConfig(WriterSettings.DISPATCHER));
        WriteLane lane = new WriteLane(store, settings.checkpoints());
        ActorRef<Command> self = context.getSelf();
        Pair<BoundedSourceQueue<WriteOp>, CompletionStage<Done>> pipeline =
                Source.<WriteOp>queue(settings.queueCapacity())
                        .groupedWeightedWithin(
                                settings.maxBatchBytes(),
                                settings.maxBatchBlocks(),
                                WriteOp::weight,
                                settings.maxBatchDelay())
                        .mapAsync(
                                1,
                                group ->
                                        CompletableFuture.supplyAsync(
                                                () -> apply(lane, group), blocking))
                        .toMat(
                                Sink.foreach(outcome -> self.tell(new Written(outcome))),
                                Keep.both())
                        .run(Materializer.createMaterializer(context));
        this.queue = pipeline.first();
        context.pipeToSelf(
                pipeline.second(), (done, streamFailure) -> new StreamEnded(streamFailure));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Store.class, this::onStore)
                .onMessage(Rollback.class, this::onRollback)
                .onMessage(DropBranch.class, drop -> then(() -> offer(new WriteOp.DropBranch())))
                .onMessage(
                        AddRollbackListener.class, add -> then(() -> listeners.add(add.listener())))
                .onMessage(Subscribe.class, this::onSubscribe)
                .onMessage(
                        SubscriberGone.class,
                        gone -> then(() -> subscribers.remove(gone.subscriber())))
                .onMessage(Halt.class, this::onHalt)
                .onMessage(Drain.class, this::onDrain)
                .onMessage(Written.class, this::onWritten)
                .onMessage(StreamEnded.class, this::onStreamEnded)
                .onMessage(GetStats.class, this::onGetStats)
                .build();
    }

    private Behavior<Command> then(Runnable step) {
        step.run();
        return this;
    }

    private Behavior<Command> onStore(Store store) {
        figures.received(store.blocks().size());
        List<Long> refusedByQueue = new ArrayList<>();
        for (ValidatedBlock block : store.blocks()) {
            if (offer(
                    new PendingBlock(store.peer(), block.block(), block.bytes(), store.epoch()))) {
                figures.queued(1);
            } else {
                refusedByQueue.add(block.number());
            }
        }
        if (!refusedByQueue.isEmpty()) {
            figures.dropped(refusedByQueue.size());
            if (failure.isEmpty()) {
                publish(new BlocksReturned(refusedByQueue, "the writer's queue is full"));
            }
        }
        return this;
    }

    private Behavior<Command> onRollback(Rollback rollback) {
        if (!offer(new WriteOp.Rollback(rollback.plan(), listeners))) {
            String reason =
                    failure.map(why -> "the writer stopped: " + why)
                            .orElse(halted ? "sync stopped" : "the writer's queue is full");
            publish(new RollbackRefused(rollback.plan(), reason, false));
        }
        return this;
    }

    private Behavior<Command> onSubscribe(Subscribe subscribe) {
        if (subscribers.add(subscribe.subscriber())) {
            getContext()
                    .watchWith(subscribe.subscriber(), new SubscriberGone(subscribe.subscriber()));
        }
        return this;
    }

    private Behavior<Command> onHalt(Halt halt) {
        if (!halted) {
            offer(new WriteOp.Trim(halt.reason()));
            halted = true;
        }
        return this;
    }

    private Behavior<Command> onDrain(Drain drain) {
        // a halted writer still empties its queue: the drain marker goes behind what it holds
        boolean queued =
                failure.isEmpty()
                        && queue.offer(new WriteOp.Drain(drain.replyTo()))
                                == QueueOfferResult.enqueued();
        if (queued) {
            draining.add(drain.replyTo());
        } else {
            drain.replyTo().tell(drained());
        }
        return this;
    }

    private boolean offer(WriteOp op) {
        return failure.isEmpty() && !halted && queue.offer(op) == QueueOfferResult.enqueued();
    }

    private Behavior<Command> onWritten(Written message) {
        WriteLane.Outcome outcome = message.outcome();
        figures.record(outcome);
        for (WriteLane.Step step : outcome.steps()) {
            log(step);
            if (step instanceof WriteLane.DrainPoint point) {
                draining.remove(point.replyTo());
                point.replyTo().tell(drained());
            }
        }
        WriterEvents.of(outcome).forEach(this::publish);
        return this;
    }

    private Behavior<Command> onStreamEnded(StreamEnded ended) {
        if (ended.failure() == null || failure.isPresent()) {
            return this;
        }
        Throwable cause =
                ended.failure() instanceof CompletionException && ended.failure().getCause() != null
                        ? ended.failure().getCause()
                        : ended.failure();
        failure = Optional.of(cause.getMessage());
        // the Failed event makes whoever runs the engine say so, once (the node: one ERROR line
        // and exit code 3); the trace is for a debugging session, not for the operator's log
        getContext()
                .getLog()
                .debug(
                        "the store refused a write; sync stops ({} blocks persisted before): {}",
                        figures.persisted(),
                        cause.getMessage(),
                        cause);
        publish(new Failed(cause.getMessage()));
        draining.forEach(waiting -> waiting.tell(drained()));
        draining.clear();
        return this;
    }

    private Behavior<Command> onGetStats(GetStats request) {
        request.replyTo().tell(figures.stats(failure));
        return this;
    }

    private Drained drained() {
        return new Drained(figures.persisted(), figures.contiguousHead(), failure);
    }

    private void publish(Event event) {
        subscribers.forEach(subscriber -> subscriber.tell(event));
    }

    private void log(WriteLane.Step step) {
        if (step instanceof WriteLane.RolledBack done) {
            getContext()
                    .getLog()
                    .info(
                            "rolled back {} stored blocks {}..{} above block {} (branch epoch {}): {}",
                            done.dropped().size(),
                            done.first(),
                            done.last(),
                            done.plan().ancestor(),
                            done.epoch(),
                            done.plan().cause());
        } else if (step instanceof WriteLane.Trimmed trimmed) {
            getContext()
                    .getLog()
                    .info(
                            "sync stopped; dropped the {} stored blocks {}..{} above the contiguous head",
                            trimmed.count(),
                            trimmed.first(),
                            trimmed.last());
        } else if (step instanceof WriteLane.RollbackRefused refusal) {
            getContext().getLog().warn("rollback refused: {}", refusal.reason());
        } else if (step instanceof WriteLane.Wrote wrote && wrote.stale() > 0) {
            getContext()
                    .getLog()
                    .debug("dropped {} blocks fetched before the last rollback", wrote.stale());
        }
    }

    /** One batch through the lane. Blocking. */
    private static WriteLane.Outcome apply(WriteLane lane, List<WriteOp> group) {
        try {
            return lane.apply(group);
        } catch (RuntimeException e) {
            throw new WriteFailedException(group.size(), e);
        }
    }
}
