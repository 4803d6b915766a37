package io.annals.sync.head;

import io.annals.core.types.Hash;
import io.annals.sync.PeerId;
import io.annals.sync.chain.Anchor;
import io.annals.sync.chain.BranchCheck;
import io.annals.sync.chain.ConflictInquiry;
import io.annals.sync.chain.Judgement;
import io.annals.sync.chain.LinkConflict;
import io.annals.sync.chain.StoredHashes;
import io.annals.sync.peer.PeerLink;
import io.annals.sync.write.Writer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.slf4j.Logger;

/**
 * The head tracker's part that keeps one chain in the store: it anchors the chain at the head the
 * peers agree on ({@link HeadVotes#anchor()}), confirms stored blocks against it, and judges every
 * conflict between a delivered block and the stored chain, or between the anchor and the store
 * ({@link ConflictInquiry}, one at a time). When the stored side loses it asks the writer to roll
 * back ({@link Writer.Rollback}); when it loses by more than the rollback window of confirmed
 * blocks, sync stops. Runs on the tracker's thread, in its own file; futures come back to the
 * tracker through {@code pipeToSelf}.
 */
final class ChainGuard {

    private static final Object INQUIRY_TIMER = "inquiry";

    private final ActorContext<HeadTracker.Command> context;
    private final TimerScheduler<HeadTracker.Command> timers;
    private final HeadSettings settings;
    private final HeadTracker.Wiring wiring;
    private final StoredHashes store;
    private final HeadVotes votes;
    private final ConflictDesk desk;
    private final Logger log;
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
    private long conflicts;
    private long storedLost;
    private long rollbacks;
    private long rolledBackBlocks;
    private long disconnected;
    private Optional<String> lastJudgement = Optional.empty();

    ChainGuard(
            ActorContext<HeadTracker.Command> context,
            TimerScheduler<HeadTracker.Command> timers,
            HeadSettings settings,
            HeadTracker.Wiring wiring,
            StoredHashes store,
            HeadVotes votes) {
        this.context = context;
        this.timers = timers;
        this.settings = settings;
        this.wiring = wiring;
        this.store = store;
        this.votes = votes;
        this.desk = new ConflictDesk(settings.maxStrikes());
        this.log = context.getLog();
    }

    void peerSeen(PeerId peer, PeerLink link) {
        links.put(peer, link);
        anchor.filter(current -> votes.names(peer, current))
                .ifPresent(current -> desk.cleared(peer));
    }

    void peerGone(PeerId peer) {
        links.remove(peer);
        desk.forget(peer);
    }

    void storeAdvanced(long head, Optional<Hash> hash) {
        if (head < contiguousHead) {
            anchorChecked = false; // a rollback: the anchor is compared with the store again
        }
        contiguousHead = head;
        headHash = hash;
        followed.headMap(head, true).clear();
    }

    /** A delivered block contradicts the stored chain. */
    void mismatch(HeadTracker.ParentMismatch mismatch) {
        mismatch.conflict()
                .ifPresent(conflict -> offer(new ConflictDesk.Evidence(conflict, mismatch.peer())));
    }

    /** After claims or the store changed: a new anchor, and the anchor against the store. */
    void review() {
        if (halted) {
            return;
        }
        Optional<Anchor> latest = votes.anchor();
        boolean moved =
                latest.isPresent() != anchor.isPresent()
                        || latest.isPresent() && !latest.get().sameBlock(anchor.get());
        anchor = latest; // the same block may have gained supporters
        if (moved) {
            anchorChecked = false;
            desk.forgetJudged();
            latest.ifPresent(
                    current -> {
                        current.supporters().forEach(desk::cleared);
                        checkFollowedBranch(current);
                    });
        }
        anchor.ifPresent(this::checkAgainstStore);
        startNext();
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
        context.pipeToSelf(
                store.hashes(current.number(), current.number()),
                (hashes, failure) ->
                        new HeadTracker.AnchorChecked(
                                current,
                                failure == null
                                        ? Optional.ofNullable(hashes.get(current.number()))
                                        : Optional.empty()));
    }

    void anchorChecked(HeadTracker.AnchorChecked checked) {
        if (anchor.filter(current -> current.sameBlock(checked.anchor())).isPresent()) {
            compare(checked.anchor(), checked.stored());
        }
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
            log.info(
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
        context.pipeToSelf(
                BranchCheck.runsThrough(
                        List.copyOf(links.values()),
                        current,
                        top,
                        followed.get(top),
                        requestTimeout()),
                (through, failure) ->
                        new HeadTracker.BranchChecked(
                                current, failure == null ? through : Optional.empty()));
    }

    void branchChecked(HeadTracker.BranchChecked checked) {
        if (checked.runsThrough().equals(Optional.of(false)) && !followed.isEmpty()) {
            dropFollowedBranch(checked.anchor());
        }
    }

    private void dropFollowedBranch(Anchor current) {
        log.info(
                "the agreed head {} is off the branch followed since the last rollback; following it instead",
                current);
        followed = new TreeMap<>();
        wiring.writer().tell(new Writer.DropBranch());
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
        desk.next()
                .ifPresent(
                        evidence -> {
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
                                                                    checkpoint.getKey(),
                                                                    checkpoint.getValue())));
                            ConflictInquiry.Inquiry request =
                                    new ConflictInquiry.Inquiry(
                                            conflict,
                                            evidence.source(),
                                            anchors,
                                            links,
                                            confirmedThrough,
                                            settings.rollbackWindow(),
                                            requestTimeout());
                            timers.startSingleTimer(
                                    INQUIRY_TIMER,
                                    new HeadTracker.InquiryTimedOut(inquiry),
                                    settings.conflictTimeout());
                            context.pipeToSelf(
                                    ConflictInquiry.run(request, store),
                                    (judgement, failure) ->
                                            new HeadTracker.Judged(inquiry, judgement, failure));
                        });
    }

    void inquiryTimedOut(HeadTracker.InquiryTimedOut timedOut) {
        if (timedOut.inquiry() == desk.inquiry()
                && desk.current().isPresent()
                && !awaitingRollback) {
            log.info(
                    "conflict at {} not judged within {}",
                    desk.current().get().conflict(),
                    settings.conflictTimeout());
            desk.finished(false);
            startNext();
        }
    }

    void judged(HeadTracker.Judged judged) {
        if (judged.inquiry() != desk.inquiry() || desk.current().isEmpty() || awaitingRollback) {
            return; // given up on
        }
        timers.cancel(INQUIRY_TIMER);
        if (judged.failure() != null) {
            log.info(
                    "judging the conflict at {} failed: {}",
                    desk.current().get().conflict(),
                    judged.failure().toString());
            desk.finished(false);
            startNext();
            return;
        }
        conflicts++;
        Judgement judgement = judged.judgement();
        lastJudgement = Optional.of(judgement.account());
        if (judgement instanceof Judgement.Replace replace) {
            storedLost++;
            penalise(replace.losers());
            awaitingRollback = true;
            log.info(
                    "conflict at {}: the stored side lost; {}",
                    desk.current().get().conflict(),
                    replace.account());
            wiring.writer().tell(new Writer.Rollback(replace.plan()));
        } else if (judgement instanceof Judgement.TooDeep tooDeep) {
            stop(tooDeep.account());
        } else {
            if (judgement instanceof Judgement.Refuse refuse && refuse.anchored()) {
                penalise(refuse.losers());
            }
            log.debug("conflict at {}: {}", desk.current().get().conflict(), judgement.account());
            desk.finished(true);
            startNext();
        }
    }

    void rolledBack(HeadTracker.RolledBack done) {
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

    void rollbackRefused(HeadTracker.RollbackRefused refused) {
        awaitingRollback = false;
        desk.finished(false);
        if (refused.tooDeep()) {
            stop(refused.reason());
        } else {
            startNext();
        }
    }

    void halt() {
        halted = true;
    }

    ChainStats stats() {
        return new ChainStats(
                anchor.map(Anchor::toString),
                confirmedThrough,
                conflicts,
                storedLost,
                rollbacks,
                rolledBackBlocks,
                disconnected,
                lastJudgement);
    }

    private void stop(String reason) {
        halted = true;
        lastJudgement = Optional.of(reason);
        log.error("follow mode stops: {}", reason);
        wiring.stopped().tell(new HeadTracker.SyncMustStop(reason));
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

    private Duration requestTimeout() {
        return settings.conflictTimeout().dividedBy(4);
    }
}
