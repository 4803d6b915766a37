package io.annals.sync.write;

import io.annals.sync.PeerId;
import io.annals.sync.RollbackListener;
import io.annals.sync.Scheduler;
import io.annals.sync.chain.RollbackPlan;
import io.annals.sync.head.HeadTracker;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
 * Persists validated blocks and performs rollbacks, in the order it receives them. Owns a Pekko
 * Streams pipeline: a bounded queue of operations, grouped into batches by bytes, count and a time
 * bound, each batch applied by the {@link WriteLane} ({@code mapAsync(1)}: one at a time, in order)
 * on the dedicated blocking dispatcher {@value WriterSettings#DISPATCHER}. Blocks that contradict
 * the stored chain are refused ({@code Rejected}, and {@code ParentMismatch} with the conflict to
 * the head tracker); blocks fetched before the last rollback are dropped; the rest is one atomic
 * store write, acknowledged to the scheduler ({@code Persisted}) once durable. A rollback (asked
 * for by the head tracker) runs between the writes before and after it, so no block of the dropped
 * branch that was on its way can land after it; the scheduler then learns the new branch epoch and
 * fetches the dropped range again ({@code BranchChanged}), the head tracker gets {@code
 * RolledBack}, and the {@link RollbackListener}s are called.
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

    /** Validated blocks of one peer's batch, assigned under branch {@code epoch}. */
    public record Store(PeerId peer, long epoch, List<ValidatedBlock> blocks) implements Command {
        public Store {
            blocks = List.copyOf(blocks);
        }

        /** Blocks of a writer that never rolled back (epoch 0). */
        public Store(PeerId peer, List<ValidatedBlock> blocks) {
            this(peer, 0, blocks);
        }
    }

    /**
     * Drop the stored blocks {@code plan} names, after everything received before; reply to the
     * head tracker.
     */
    public record Rollback(RollbackPlan plan) implements Command {}

    /** Stop refusing blocks off the branch of the last rollback: the agreed head moved off it. */
    public record DropBranch() implements Command {}

    /**
     * Sync stopped (a reorg too deep to follow): write nothing more, and drop the stored blocks
     * above the contiguous head, so that the store is left as one chain.
     */
    public record Halt(String reason) implements Command {}

    /** Call {@code listener} after every rollback from now on. */
    public record AddRollbackListener(RollbackListener listener) implements Command {}

    public record GetStats(ActorRef<WriterStats> replyTo) implements Command {}

    private record Written(WriteLane.Outcome outcome) implements Command {}

    private record StreamEnded(Throwable failure) implements Command {}

    /** Told once when the store refused a write and the writer stopped writing. */
    public record Failed(String reason) {}

    /** Where the writer reports. */
    public record Wiring(
            ActorRef<Scheduler.Command> scheduler,
            ActorRef<HeadTracker.Command> headTracker,
            ActorRef<Failed> failures) {}

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

    private final Wiring wiring;
    private final BoundedSourceQueue<WriteOp> queue;
    private final WriteReports reports;
    private final List<RollbackListener> listeners = new ArrayList<>();
    private Optional<String> failure = Optional.empty();
    private boolean halted;

    public static Behavior<Command> create(
            SyncStore store, WriterSettings settings, Wiring wiring) {
        return Behaviors.setup(context -> new Writer(context, store, settings, wiring));
    }

    private Writer(
            ActorContext<Command> context,
            SyncStore store,
            WriterSettings settings,
            Wiring wiring) {
        super(context);
        this.wiring = wiring;
        this.reports = new WriteReports(wiring, context.getLog());
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
                .onMessage(DropBranch.class, this::onDropBranch)
                .onMessage(AddRollbackListener.class, this::onAddRollbackListener)
                .onMessage(Halt.class, this::onHalt)
                .onMessage(Written.class, this::onWritten)
                .onMessage(StreamEnded.class, this::onStreamEnded)
                .onMessage(GetStats.class, this::onGetStats)
                .build();
    }

    private Behavior<Command> onStore(Store store) {
        reports.received(store.blocks().size());
        List<Long> refusedByQueue = new ArrayList<>();
        for (ValidatedBlock block : store.blocks()) {
            if (offer(
                    new PendingBlock(store.peer(), block.block(), block.bytes(), store.epoch()))) {
                reports.queued(1);
            } else {
                refusedByQueue.add(block.number());
            }
        }
        if (!refusedByQueue.isEmpty()) {
            reports.dropped(refusedByQueue.size());
            if (failure.isEmpty()) {
                wiring.scheduler()
                        .tell(
                                new Scheduler.PersistFailed(
                                        refusedByQueue, "the writer's queue is full"));
            }
        }
        return this;
    }

    private Behavior<Command> onRollback(Rollback rollback) {
        if (!offer(new WriteOp.Rollback(rollback.plan(), listeners))) {
            wiring.headTracker()
                    .tell(
                            new HeadTracker.RollbackRefused(
                                    rollback.plan(),
                                    failure.isPresent()
                                            ? "the writer stopped: " + failure.get()
                                            : "the writer's queue is full",
                                    false));
        }
        return this;
    }

    private Behavior<Command> onDropBranch(DropBranch drop) {
        offer(new WriteOp.DropBranch());
        return this;
    }

    private Behavior<Command> onHalt(Halt halt) {
        if (!halted) {
            offer(new WriteOp.Trim(halt.reason()));
            halted = true;
        }
        return this;
    }

    private Behavior<Command> onAddRollbackListener(AddRollbackListener add) {
        listeners.add(add.listener());
        return this;
    }

    private boolean offer(WriteOp op) {
        return failure.isEmpty() && !halted && queue.offer(op) == QueueOfferResult.enqueued();
    }

    private Behavior<Command> onWritten(Written message) {
        reports.apply(message.outcome());
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
        getContext()
                .getLog()
                .error(
                        "the store refused a write; sync stops ({} blocks persisted before): {}",
                        reports.persisted(),
                        cause.getMessage(),
                        cause);
        wiring.failures().tell(new Failed(cause.getMessage()));
        return this;
    }

    private Behavior<Command> onGetStats(GetStats request) {
        request.replyTo().tell(reports.stats(failure));
        return this;
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
