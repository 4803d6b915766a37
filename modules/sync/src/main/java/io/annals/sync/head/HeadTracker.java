package io.annals.sync.head;

import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import io.annals.sync.PeerId;
import io.annals.sync.Scheduler;
import io.annals.sync.SyncMode;
import io.annals.sync.chain.Anchor;
import io.annals.sync.chain.Judgement;
import io.annals.sync.chain.LinkConflict;
import io.annals.sync.chain.RollbackPlan;
import io.annals.sync.peer.PeerLink;
import io.annals.sync.write.SyncStore;
import io.annals.sync.write.Writer;
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
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Owns the engine's idea of the network head, of the target range and of the one chain the store
 * holds. Peer actors report heads (claimed by announcements, proven by probes; {@link HeadVotes}
 * decides what counts), the writer reports the store's contiguous head, and the tracker hands the
 * scheduler each new part of the target ({@code AddRange}) as the head moves ({@link
 * TargetPlanner}): the start block up to head minus the rollback window in historical mode, up to
 * the head in follow mode, so the store's tip advances in order. When the contiguous head reaches
 * the historical target it tells the supervisor, which switches the scheduler to follow mode and
 * answers with {@link ModeChanged}.
 *
 * <p>Its {@link ChainGuard} anchors the chain at the head hash the peers agree on and judges every
 * conflict: a block the writer refused because it contradicts the stored chain ({@link
 * ParentMismatch}), or an agreed head the store disagrees with (a reorg, also one that keeps the
 * height). When the stored side loses, the writer rolls it back ({@link RolledBack}) and the new
 * branch is fetched; a reorg deeper than the rollback window stops sync ({@link SyncMustStop}).
 */
public final class HeadTracker extends AbstractBehavior<HeadTracker.Command> {

    public sealed interface Command {}

    /**
     * A peer's head: claimed by an announcement, or proven by serving the header; with its hash
     * when known.
     */
    public record PeerHead(
            PeerId peer, PeerLink link, long head, Optional<Hash> hash, boolean proven)
            implements Command {}

    public record PeerGone(PeerId peer) implements Command {}

    /**
     * The writer's report after a write: the store's contiguous head (-1 when none) and its hash.
     */
    public record StoreAdvanced(long contiguousHead, Optional<Hash> headHash) implements Command {}

    /**
     * The writer refused a block that contradicts the stored chain or a trusted hash; with the
     * conflict to judge when it is the stored chain it contradicts.
     */
    public record ParentMismatch(
            long block, PeerId peer, String reason, Optional<LinkConflict> conflict)
            implements Command {}

    /**
     * The writer did the rollback of {@code plan}: the stored blocks {@code first..last} are gone.
     */
    public record RolledBack(
            RollbackPlan plan, long epoch, long first, long last, List<Hash> dropped)
            implements Command {
        public RolledBack {
            dropped = List.copyOf(dropped);
        }
    }

    /**
     * The writer did not do the rollback of {@code plan}; {@code tooDeep} when it would undo too
     * much.
     */
    public record RollbackRefused(RollbackPlan plan, String reason, boolean tooDeep)
            implements Command {}

    /** The supervisor switched the scheduler to this mode. */
    public record ModeChanged(SyncMode mode) implements Command {}

    /**
     * Sync stopped (a writer failure): add no more ranges, judge no more conflicts, keep answering
     * stats.
     */
    public record Halt() implements Command {}

    public record GetStats(ActorRef<HeadStats> replyTo) implements Command {}

    private record Resumed(StoreView view, Throwable failure) implements Command {}

    record AnchorChecked(Anchor anchor, Optional<Hash> stored) implements Command {}

    record BranchChecked(Anchor anchor, Optional<Boolean> runsThrough) implements Command {}

    record Judged(long inquiry, Judgement judgement, Throwable failure) implements Command {}

    record InquiryTimedOut(long inquiry) implements Command {}

    /** Told once when the store holds the whole historical target. */
    public record HistoricalTargetReached(long contiguousHead) {}

    /**
     * Told once when sync must stop: a reorg deeper than the rollback window, named in {@code
     * reason}.
     */
    public record SyncMustStop(String reason) {}

    /**
     * Where the tracker sends: the scheduler, the supervisor (target reached, stop) and the writer
     * (rollbacks).
     */
    public record Wiring(
            ActorRef<Scheduler.Command> scheduler,
            ActorRef<HistoricalTargetReached> targetReached,
            ActorRef<Writer.Command> writer,
            ActorRef<SyncMustStop> stopped) {}

    /** What the store held when the engine started. */
    private record StoreView(
            long startBlock, OptionalLong contiguousHead, List<BlockRange> present) {}

    private final HeadSettings settings;
    private final Wiring wiring;
    private final HeadVotes votes;
    private final ChainGuard chain;
    private SyncMode initialMode;
    private TargetPlanner planner;
    private long contiguousHead = -1;
    private long highestHead = -1;
    private boolean switchRequested;
    private boolean halted;
    private long mismatches;
    private Optional<String> lastMismatch = Optional.empty();

    public static Behavior<Command> create(
            HeadSettings settings, SyncMode initialMode, SyncStore store, Wiring wiring) {
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
                                                wiring)));
    }

    private HeadTracker(
            ActorContext<Command> context,
            TimerScheduler<Command> timers,
            HeadSettings settings,
            SyncMode initialMode,
            SyncStore store,
            Wiring wiring) {
        super(context);
        this.settings = settings;
        this.wiring = wiring;
        this.initialMode = initialMode;
        this.votes = new HeadVotes(settings.quorum());
        Executor blocking =
                context.getSystem()
                        .dispatchers()
                        .lookup(DispatcherSelector.fromConfig(WriterSettings.DISPATCHER));
        this.chain =
                new ChainGuard(
                        context, timers, settings, wiring, new StoreReads(store, blocking), votes);
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
                .onMessage(StoreAdvanced.class, this::onStoreAdvanced)
                .onMessage(ParentMismatch.class, this::onParentMismatch)
                .onMessage(RolledBack.class, this::onRolledBack)
                .onMessage(
                        RollbackRefused.class,
                        refused -> then(() -> chain.rollbackRefused(refused)))
                .onMessage(ModeChanged.class, this::onModeChanged)
                .onMessage(Halt.class, this::onHalt)
                .onMessage(GetStats.class, this::onGetStats)
                .onMessage(Resumed.class, this::onResumed)
                .onMessage(AnchorChecked.class, checked -> then(() -> chain.anchorChecked(checked)))
                .onMessage(BranchChecked.class, checked -> then(() -> chain.branchChecked(checked)))
                .onMessage(Judged.class, judged -> then(() -> chain.judged(judged)))
                .onMessage(
                        InquiryTimedOut.class,
                        timedOut -> then(() -> chain.inquiryTimedOut(timedOut)))
                .build();
    }

    private Behavior<Command> then(Runnable step) {
        step.run();
        return this;
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
        votes.claim(head.peer(), head.head(), head.hash(), head.proven());
        chain.peerSeen(head.peer(), head.link());
        return update();
    }

    private Behavior<Command> onPeerGone(PeerGone gone) {
        votes.forget(gone.peer());
        chain.peerGone(gone.peer());
        return this;
    }

    private Behavior<Command> onStoreAdvanced(StoreAdvanced advanced) {
        // the writer reports in order; the head falls only after a rollback it did
        contiguousHead = advanced.contiguousHead();
        chain.storeAdvanced(advanced.contiguousHead(), advanced.headHash());
        return update();
    }

    private Behavior<Command> onParentMismatch(ParentMismatch mismatch) {
        mismatches++;
        lastMismatch =
                Optional.of(
                        "block "
                                + mismatch.block()
                                + " from "
                                + mismatch.peer()
                                + ": "
                                + mismatch.reason());
        getContext()
                .getLog()
                .info(
                        "block {} from {} contradicts the stored chain: {}",
                        mismatch.block(),
                        mismatch.peer(),
                        mismatch.reason());
        chain.mismatch(mismatch);
        return this;
    }

    private Behavior<Command> onRolledBack(RolledBack done) {
        getContext()
                .getLog()
                .info(
                        "the store dropped blocks {}..{} above block {} and follows the winning branch",
                        done.first(),
                        done.last(),
                        done.plan().ancestor());
        chain.rolledBack(done);
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
        chain.halt();
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
                                mismatches,
                                lastMismatch,
                                chain.stats()));
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
            getContext()
                    .getLog()
                    .info(
                            "historical target reached at block {} (network head {})",
                            contiguousHead,
                            highestHead);
            wiring.targetReached().tell(new HistoricalTargetReached(contiguousHead));
        }
        chain.review();
        return this;
    }
}
