package io.annals.sync.guard;

import io.annals.core.types.Hash;
import io.annals.sync.chain.Anchor;
import io.annals.sync.chain.BranchCheck;
import io.annals.sync.chain.ConflictInquiry;
import io.annals.sync.chain.Judgement;
import io.annals.sync.chain.LinkConflict;
import io.annals.sync.link.PeerLink;
import io.annals.sync.model.PeerId;
import io.annals.sync.write.SyncStore;
import io.annals.sync.write.Writer;
import io.annals.sync.write.WriterSettings;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
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
 * Keeps one chain in the store. It anchors the chain at the head the peers agree on (the head
 * tracker tells it, {@link Anchored}), confirms stored blocks against it, and judges every conflict
 * between a delivered block and the stored chain (the writer's {@link Writer.BlocksRefused}), or
 * between the anchor and the store ({@link ConflictInquiry}, one at a time). When the stored side
 * loses it asks the writer to roll back; when it would lose more than the rollback window of
 * confirmed blocks, sync must stop ({@link MustStop}). A peer that keeps serving a losing chain is
 * disconnected.
 *
 * <p>Owns the anchor, the conflicts waiting ({@link ConflictDesk}), the branch followed since the
 * last rollback and the links of the live peers it asks (the supervisor tells it of each, {@link
 * PeerJoined}, also after a restart: {@link Started}). It learns what the store did from the
 * writer's events, to which it subscribes when it starts: nothing is written before then, since
 * blocks are fetched only for ranges the head tracker adds after reading the store.
 */
public final class ChainGuard extends AbstractBehavior<ChainGuard.Command> {

    public sealed interface Command {}

    /** A live peer session that inquiries may ask. */
    public record PeerJoined(PeerId peer, PeerLink link) implements Command {}

    public record PeerLeft(PeerId peer) implements Command {}

    /**
     * The head the connected peers agree on, with the peers that name it, or none; told whenever it
     * or its supporters change.
     */
    public record Anchored(Optional<Anchor> anchor) implements Command {}

    /** Sync stopped: judge no more conflicts, keep answering stats. */
    public record Halt() implements Command {}

    public record GetStats(ActorRef<ChainStats> replyTo) implements Command {}

    private record StoreEvent(Writer.Event event) implements Command {}

    private record AnchorChecked(Anchor anchor, Optional<Hash> stored) implements Command {}

    private record BranchChecked(Anchor anchor, Optional<Boolean> runsThrough) implements Command {}

    private record Judged(long inquiry, Judgement judgement, Throwable failure)
            implements Command {}

    private record InquiryTimedOut(long inquiry) implements Command {}

    /** What the guard tells its parent. */
    public sealed interface Event {}

    /**
     * Told whenever the guard (re)starts: it knows no peer yet, and must be told of every live one
     * ({@link PeerJoined}).
     */
    public record Started() implements Event {}

    /** Told once: a reorg deeper than the rollback window, named in {@code reason}. */
    public record MustStop(String reason) implements Event {}

    private static final Object INQUIRY_TIMER = "inquiry";

    private final TimerScheduler<Command> timers;
    private final GuardSettings settings;
    private final StoreReads store;
    private final ActorRef<Writer.Command> writer;
    private final ActorRef<Event> events;
    private final ConflictDesk desk;
    private final Map<PeerId, PeerLink> links = new HashMap<>();

    /** The winning branch's hashes above the store's tip after a rollback, until stored. */
    private NavigableMap<Long, Hash> followed = new TreeMap<>();

    private Optional<Anchor> anchor = Optional.empty();
    private boolean anchorChecked;
    private long confirmedThrough = -1;
    private long contiguousHead = -1;
    private Optional<Hash> headHash = Optional.empty();
    private boolean awaitingRollback;
    private boolean halted;
    private long mismatches;
    private Optional<String> lastMismatch = Optional.empty();
    private long conflicts;
    private long storedLost;
    private long rollbacks;
    private long rolledBackBlocks;
    private long disconnected;
    private Optional<String> lastJudgement = Optional.empty();

    public static Behavior<Command> create(
            GuardSettings settings,
            SyncStore store,
            ActorRef<Writer.Command> writer,
            ActorRef<Event> events) {
        return Behaviors.setup(
                context ->
                        Behaviors.withTimers(
                                timers ->
                                        new ChainGuard(
                                                context, timers, settings, store, writer, events)));
    }

    private ChainGuard(
            ActorContext<Command> context,
            TimerScheduler<Command> timers,
            GuardSettings settings,
            SyncStore store,
            ActorRef<Writer.Command> writer,
            ActorRef<Event> events) {
        super(context);
        this.timers = timers;
        this.settings = settings;
        this.writer = writer;
        this.events = events;
        this.desk = new ConflictDesk(settings.maxStrikes());
        Executor blocking =
                context.getSystem()
                        .dispatchers()
                        .lookup(DispatcherSelector.fromConfig(WriterSettings.DISPATCHER));
        this.store = new StoreReads(store, blocking);
        writer.tell(
                new Writer.Subscribe(context.messageAdapter(Writer.Event.class, StoreEvent::new)));
        events.tell(new Started());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(PeerJoined.class, this::onPeerJoined)
                .onMessage(PeerLeft.class, this::onPeerLeft)
                .onMessage(Anchored.class, this::onAnchored)
                .onMessage(StoreEvent.class, this::onStoreEvent)
                .onMessage(AnchorChecked.class, this::onAnchorChecked)
                .onMessage(BranchChecked.class, this::onBranchChecked)
                .onMessage(Judged.class, this::onJudged)
                .onMessage(InquiryTimedOut.class, this::onInquiryTimedOut)
                .onMessage(Halt.class, this::onHalt)
                .onMessage(GetStats.class, this::onGetStats)
                .build();
    }

    private Behavior<Command> onPeerJoined(PeerJoined joined) {
        links.put(joined.peer(), joined.link());
        return this;
    }

    private Behavior<Command> onPeerLeft(PeerLeft left) {
        links.remove(left.peer());
        desk.forget(left.peer());
        return this;
    }

    /** A new anchor, or new supporters: those who name it caught up, whatever they lost before. */
    private Behavior<Command> onAnchored(Anchored anchored) {
        anchored.anchor().ifPresent(current -> current.supporters().forEach(desk::cleared));
        if (halted) {
            return this;
        }
        Optional<Anchor> latest = anchored.anchor();
        boolean moved =
                latest.isPresent() != anchor.isPresent()
                        || latest.isPresent() && !latest.get().sameBlock(anchor.get());
        boolean supportersChanged = !latest.equals(anchor);
        anchor = latest; // the same block may have gained supporters
        if (supportersChanged) {
            desk.forgetJudged(); // a conflict refused for want of support may be decided now
        }
        if (moved) {
            anchorChecked = false;
            latest.ifPresent(this::checkFollowedBranch);
        }
        return review();
    }

    private Behavior<Command> onStoreEvent(StoreEvent message) {
        Writer.Event event = message.event();
        if (event instanceof Writer.StoredUpTo stored) {
            storeAdvanced(stored.contiguousHead(), stored.headHash());
            return review();
        }
        if (event instanceof Writer.BlocksRefused refused) {
            refused.refusals().forEach(this::refused);
        } else if (event instanceof Writer.RolledBack done) {
            rolledBack(done);
        } else if (event instanceof Writer.RollbackRefused refusal) {
            rollbackRefused(refusal);
        }
        return this;
    }

    private void storeAdvanced(long head, Optional<Hash> hash) {
        if (head < contiguousHead) {
            anchorChecked = false; // a rollback: the anchor is compared with the store again
        }
        contiguousHead = head;
        headHash = hash;
        followed.headMap(head, true).clear();
    }

    /** A delivered block contradicts the stored chain or a trusted hash. */
    private void refused(Writer.Refusal refusal) {
        mismatches++;
        lastMismatch =
                Optional.of(
                        "block "
                                + refusal.block()
                                + " from "
                                + refusal.peer()
                                + ": "
                                + refusal.reason());
        getContext()
                .getLog()
                .info(
                        "block {} from {} contradicts the stored chain: {}",
                        refusal.block(),
                        refusal.peer(),
                        refusal.reason());
        refusal.conflict()
                .ifPresent(conflict -> offer(new ConflictDesk.Evidence(conflict, refusal.peer())));
    }

    /**
     * After the anchor or the store changed: the anchor against the store, then the next inquiry.
     */
    private Behavior<Command> review() {
        if (!halted) {
            anchor.ifPresent(this::checkAgainstStore);
            startNext();
        }
        return this;
    }

    private void checkAgainstStore(Anchor current) {
        if (anchorChecked || current.number() > contiguousHead) {
            return;
        }
        anchorChecked = true;
        if (current.number() == contiguousHead && headHash.isPresent()) {
            compare(current, headHash);
            return;
        }
        getContext()
                .pipeToSelf(
                        store.hashes(current.number(), current.number()),
                        (hashes, failure) ->
                                new AnchorChecked(
                                        current,
                                        failure == null
                                                ? Optional.ofNullable(hashes.get(current.number()))
                                                : Optional.empty()));
    }

    private Behavior<Command> onAnchorChecked(AnchorChecked checked) {
        if (anchor.filter(current -> current.sameBlock(checked.anchor())).isPresent()) {
            compare(checked.anchor(), checked.stored());
        }
        return this;
    }

    private void compare(Anchor current, Optional<Hash> stored) {
        if (stored.isEmpty()) {
            anchorChecked = false; // dropped meanwhile: compare again once stored
        } else if (stored.get().equals(current.hash())) {
            confirmedThrough = Math.max(confirmedThrough, current.number());
        } else {
            PeerId source =
                    current.supporters().stream()
                            .sorted()
                            .findFirst()
                            .orElse(PeerId.of("checkpoint"));
            getContext()
                    .getLog()
                    .info(
                            "the agreed head {} is not the stored block {} ({})",
                            current,
                            current.number(),
                            stored.get());
            offer(
                    new ConflictDesk.Evidence(
                            new LinkConflict(current.number(), stored.get(), current.hash()),
                            source));
        }
    }

    /** While the writer follows a rollback's branch: does the new anchor still run through it? */
    private void checkFollowedBranch(Anchor current) {
        if (followed.isEmpty() || current.number() < followed.firstKey()) {
            return;
        }
        long top = followed.lastKey();
        if (current.number() <= top) {
            Hash expected = followed.get(current.number());
            if (expected != null && !expected.equals(current.hash())) {
                dropFollowedBranch(current);
            }
            return;
        }
        getContext()
                .pipeToSelf(
                        BranchCheck.runsThrough(
                                List.copyOf(links.values()),
                                current,
                                top,
                                followed.get(top),
                                settings.requestTimeout()),
                        (through, failure) ->
                                new BranchChecked(
                                        current, failure == null ? through : Optional.empty()));
    }

    private Behavior<Command> onBranchChecked(BranchChecked checked) {
        if (checked.runsThrough().equals(Optional.of(false)) && !followed.isEmpty()) {
            dropFollowedBranch(checked.anchor());
        }
        return this;
    }

    private void dropFollowedBranch(Anchor current) {
        getContext()
                .getLog()
                .info(
                        "the agreed head {} is off the branch followed since the last rollback; following it instead",
                        current);
        followed = new TreeMap<>();
        writer.tell(new Writer.DropBranch());
    }

    private void offer(ConflictDesk.Evidence evidence) {
        if (desk.offer(evidence)) {
            startNext();
        }
    }

    private void startNext() {
        if (halted || awaitingRollback) {
            return;
        }
        desk.next().ifPresent(this::inquire);
    }

    private void inquire(ConflictDesk.Evidence evidence) {
        long inquiry = desk.inquiry();
        LinkConflict conflict = evidence.conflict();
        List<Anchor> anchors = new ArrayList<>();
        anchor.ifPresent(anchors::add);
        settings.checkpoints()
                .atOrAbove(conflict.height())
                .ifPresent(
                        checkpoint ->
                                anchors.add(
                                        Anchor.checkpoint(
                                                checkpoint.getKey(), checkpoint.getValue())));
        ConflictInquiry.Inquiry request =
                new ConflictInquiry.Inquiry(
                        conflict,
                        evidence.source(),
                        anchors,
                        links,
                        confirmedThrough,
                        settings.rollbackWindow(),
                        settings.quorum(),
                        settings.requestTimeout());
        timers.startSingleTimer(
                INQUIRY_TIMER, new InquiryTimedOut(inquiry), settings.conflictTimeout());
        getContext()
                .pipeToSelf(
                        ConflictInquiry.run(request, store),
                        (judgement, failure) -> new Judged(inquiry, judgement, failure));
    }

    private Behavior<Command> onInquiryTimedOut(InquiryTimedOut timedOut) {
        if (timedOut.inquiry() == desk.inquiry()
                && desk.current().isPresent()
                && !awaitingRollback) {
            getContext()
                    .getLog()
                    .info(
                            "conflict at {} not judged within {}",
                            desk.current().get().conflict(),
                            settings.conflictTimeout());
            desk.finished(false);
            startNext();
        }
        return this;
    }

    private Behavior<Command> onJudged(Judged judged) {
        if (judged.inquiry() != desk.inquiry() || desk.current().isEmpty() || awaitingRollback) {
            return this; // given up on
        }
        timers.cancel(INQUIRY_TIMER);
        LinkConflict conflict = desk.current().get().conflict();
        if (judged.failure() != null) {
            getContext()
                    .getLog()
                    .info(
                            "judging the conflict at {} failed: {}",
                            conflict,
                            judged.failure().toString());
            desk.finished(false);
            startNext();
            return this;
        }
        conflicts++;
        Judgement judgement = judged.judgement();
        lastJudgement = Optional.of(judgement.account());
        if (judgement instanceof Judgement.Replace replace) {
            storedLost++;
            penalise(replace.losers());
            awaitingRollback = true;
            getContext()
                    .getLog()
                    .info("conflict at {}: the stored side lost; {}", conflict, replace.account());
            writer.tell(new Writer.Rollback(replace.plan()));
        } else if (judgement instanceof Judgement.TooDeep tooDeep) {
            stop(tooDeep.account());
        } else {
            if (judgement instanceof Judgement.Refuse refuse && refuse.anchored()) {
                penalise(refuse.losers());
            }
            getContext().getLog().debug("conflict at {}: {}", conflict, judgement.account());
            desk.finished(true);
            startNext();
        }
        return this;
    }

    private void rolledBack(Writer.RolledBack done) {
        getContext()
                .getLog()
                .info(
                        "the store dropped blocks {}..{} above block {} and follows the winning branch",
                        done.first(),
                        done.last(),
                        done.plan().ancestor());
        rollbacks++;
        rolledBackBlocks += done.dropped().size();
        awaitingRollback = false;
        confirmedThrough = Math.min(confirmedThrough, done.plan().ancestor());
        followed = new TreeMap<>(done.plan().branch());
        anchorChecked = false;
        desk.finished(false);
        desk.forgetJudged();
        startNext();
    }

    private void rollbackRefused(Writer.RollbackRefused refused) {
        awaitingRollback = false;
        desk.finished(false);
        if (refused.tooDeep()) {
            stop(refused.reason());
        } else {
            startNext();
        }
    }

    private Behavior<Command> onHalt(Halt halt) {
        halted = true;
        return this;
    }

    private Behavior<Command> onGetStats(GetStats request) {
        request.replyTo()
                .tell(
                        new ChainStats(
                                anchor.map(Anchor::toString),
                                confirmedThrough,
                                mismatches,
                                lastMismatch,
                                conflicts,
                                storedLost,
                                rollbacks,
                                rolledBackBlocks,
                                disconnected,
                                lastJudgement));
        return this;
    }

    private void stop(String reason) {
        halted = true;
        lastJudgement = Optional.of(reason);
        getContext().getLog().error("follow mode stops: {}", reason);
        events.tell(new MustStop(reason));
    }

    private void penalise(Collection<PeerId> losers) {
        for (PeerId peer : desk.strike(losers)) {
            PeerLink link = links.get(peer);
            if (link != null) {
                disconnected++;
                link.disconnect(
                        "served a chain that lost against the anchored one "
                                + settings.maxStrikes()
                                + " times");
            }
        }
    }
}
