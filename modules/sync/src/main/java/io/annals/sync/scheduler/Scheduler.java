package io.annals.sync.scheduler;

import io.annals.store.BlockRange;
import io.annals.sync.ledger.SchedulerSettings;
import io.annals.sync.ledger.SchedulingState;
import io.annals.sync.mailbox.MailboxDepths;
import io.annals.sync.model.NoWorkReason;
import io.annals.sync.model.PeerId;
import io.annals.sync.model.SyncStalled;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Owns all scheduling state of the sync engine (see {@link SchedulingState}): which blocks wait,
 * which are in flight where, the backoff ledger, peer health and parked peers. Peers pull work with
 * {@link RequestWork}; a peer that gets {@link NoWork} is parked and later pushed an {@link
 * Assigned} (or a {@link RecheckHead}) when something changes for it. One timer, armed for the
 * earliest moment a parked peer could get work or a stall report falls due, replaces polling: an
 * idle engine sends and receives nothing. The actor only routes messages; the rules live in the
 * ledger classes.
 */
public final class Scheduler extends AbstractBehavior<Scheduler.Command> {

    /** Everything the scheduler accepts. */
    public sealed interface Command {}

    /**
     * A peer serving {@code servesFrom..head} asks for a batch; any batch it still had is given
     * back. {@code servesFrom} is the lowest block it serves (its announced earliest block; 0 for
     * all).
     */
    public record RequestWork(PeerId peer, long head, long servesFrom, ActorRef<WorkReply> replyTo)
            implements Command {}

    /** The peer fetched and validated these blocks and handed them to the writer. */
    public record Delivered(PeerId peer, List<Long> blocks) implements Command {
        public Delivered {
            blocks = List.copyOf(blocks);
        }
    }

    /**
     * The peer failed these blocks (timeout, error, invalid data): a failure of each (block, peer).
     */
    public record Failed(PeerId peer, List<Long> blocks, String reason) implements Command {
        public Failed {
            blocks = List.copyOf(blocks);
        }
    }

    /**
     * The peer answered without these blocks (empty or short answer). Near the peer's head (within
     * the mode's not-yet-available depth) that is "not yet available" and no failure; deeper it is
     * a failure.
     */
    public record NotYetAvailable(PeerId peer, List<Long> blocks) implements Command {
        public NotYetAvailable {
            blocks = List.copyOf(blocks);
        }
    }

    /** A partial answer: some blocks delivered, some failed, some missing from the answer. */
    public record PartiallyDelivered(
            PeerId peer, List<Long> delivered, List<Long> failed, List<Long> missing, String reason)
            implements Command {
        public PartiallyDelivered {
            delivered = List.copyOf(delivered);
            failed = List.copyOf(failed);
            missing = List.copyOf(missing);
        }
    }

    /**
     * The writer refused these delivered blocks because they contradict the stored chain (a parent
     * link that does not match): each waits again as a failure of {@code peer}, which delivered it.
     */
    public record Rejected(PeerId peer, List<Long> blocks, String reason) implements Command {
        public Rejected {
            blocks = List.copyOf(blocks);
        }
    }

    /**
     * What one batch cost the peer: {@code blocks} delivered and {@code bytes} received in {@code
     * millis} from its first request to its last answer. Sent before the batch's report.
     */
    public record Measured(PeerId peer, int blocks, long bytes, long millis) implements Command {}

    /** A peer announced a new head (status, announcement or probe). */
    public record PeerHeadChanged(PeerId peer, long head) implements Command {}

    /** A peer's session ended; its in-flight blocks wait again, with no penalty. */
    public record PeerLeft(PeerId peer) implements Command {}

    /** The writer made these blocks durable: they are done. */
    public record Persisted(List<Long> blocks) implements Command {
        public Persisted {
            blocks = List.copyOf(blocks);
        }
    }

    /** The writer could not persist these blocks: they wait again, with no penalty to any peer. */
    public record PersistFailed(List<Long> blocks, String reason) implements Command {
        public PersistFailed {
            blocks = List.copyOf(blocks);
        }
    }

    /** Starts tracking the range's blocks that are not tracked yet. */
    public record AddRange(BlockRange range) implements Command {}

    /**
     * Stops tracking the range: waiting blocks drop, in-flight ones are forgotten when reported.
     */
    public record WithdrawRange(BlockRange range) implements Command {}

    /**
     * The writer rolled the store back and the chain follows another branch from now on:
     * assignments carry {@code epoch}; when it is later than the current one, every outstanding
     * block waits again and reports on the batches that held them are ignored (the writer drops
     * what they deliver). {@code refetch}, the blocks the rollback dropped, is withdrawn and added
     * afresh.
     */
    public record BranchChanged(long epoch, Optional<BlockRange> refetch) implements Command {}

    /**
     * Head discovery at the tip: ask one parked peer, among the {@code among} with the highest
     * heads, the one asked least recently, to prove its head again ({@link PollHead}).
     */
    public record PollHeads(int among) implements Command {}

    public record GetStats(ActorRef<SchedulerStats> replyTo) implements Command {}

    /** Replies with the full state and stops: the supervisor spawns a successor from it. */
    public record HandOver(ActorRef<SchedulerHandover> replyTo) implements Command {}

    private enum Tick implements Command {
        INSTANCE
    }

    /** What a peer is told. */
    public sealed interface WorkReply {}

    /**
     * Fetch this contiguous batch, then report it with one
     * Delivered/Failed/NotYetAvailable/Partially; hand its blocks to the writer with {@code epoch},
     * the branch epoch of this assignment.
     */
    public record Assigned(BlockRange batch, long epoch) implements WorkReply {}

    /** No batch for now; the peer is parked and will be pushed work. */
    public record NoWork(NoWorkReason reason) implements WorkReply {}

    /** The peer's head has looked stale for a while: re-check it, then ask again. */
    public record RecheckHead() implements WorkReply {}

    /** Is there a block above the head you proved? Ask for the headers above it, then ask again. */
    public record PollHead() implements WorkReply {}

    private final SchedulingState state;
    private final SchedulerEnvironment env;
    private final TimerScheduler<Command> timers;
    private final Map<PeerId, ActorRef<WorkReply>> contacts = new HashMap<>();
    private final BranchEpoch branch;
    private final WakeTimer wake;
    private long messagesHandled;

    /**
     * A scheduler; with a predecessor, one that continues from its state under (possibly) new
     * settings.
     */
    public static Behavior<Command> create(
            SchedulerSettings settings,
            SchedulerEnvironment env,
            Optional<SchedulerHandover> predecessor) {
        return Behaviors.setup(
                context ->
                        Behaviors.withTimers(
                                timers ->
                                        new Scheduler(
                                                context, timers, settings, env, predecessor)));
    }

    private Scheduler(
            ActorContext<Command> context,
            TimerScheduler<Command> timers,
            SchedulerSettings settings,
            SchedulerEnvironment env,
            Optional<SchedulerHandover> predecessor) {
        super(context);
        this.timers = timers;
        this.wake = new WakeTimer(timers, Tick.INSTANCE);
        this.env = env;
        this.state = new SchedulingState(settings, env.rateWindow().toMillis());
        this.branch =
                predecessor
                        .map(handover -> new BranchEpoch(handover.branch()))
                        .orElseGet(BranchEpoch::new);
        predecessor.ifPresent(
                handover -> {
                    state.restore(handover.ledger(), now());
                    contacts.putAll(handover.contacts());
                    messagesHandled = handover.messagesHandled();
                    SchedulingState.StatsView view = state.stats(now());
                    context.getLog()
                            .info(
                                    "scheduler continues in {} mode: {} pending, {} escalated, {} in flight, {} parked peers",
                                    settings.mode().configSection(),
                                    view.queue(),
                                    view.escalation(),
                                    view.inflight(),
                                    view.peersParked());
                });
        afterEvent();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(RequestWork.class, this::onRequestWork)
                .onMessage(
                        Delivered.class, m -> onReport(m.peer(), m.blocks(), List.of(), List.of()))
                .onMessage(Failed.class, m -> onReport(m.peer(), List.of(), m.blocks(), List.of()))
                .onMessage(
                        NotYetAvailable.class,
                        m -> onReport(m.peer(), List.of(), List.of(), m.blocks()))
                .onMessage(
                        PartiallyDelivered.class,
                        m -> onReport(m.peer(), m.delivered(), m.failed(), m.missing()))
                .onMessage(
                        PeerHeadChanged.class,
                        m -> event(() -> state.peerHeadChanged(m.peer(), m.head())))
                .onMessage(PeerLeft.class, this::onPeerLeft)
                .onMessage(Persisted.class, m -> event(() -> state.persisted(m.blocks(), now())))
                .onMessage(PersistFailed.class, this::onPersistFailed)
                .onMessage(Rejected.class, this::onRejected)
                .onMessage(
                        Measured.class,
                        m ->
                                event(
                                        () ->
                                                state.measured(
                                                        m.peer(),
                                                        m.blocks(),
                                                        m.bytes(),
                                                        m.millis())))
                .onMessage(AddRange.class, this::onAddRange)
                .onMessage(WithdrawRange.class, this::onWithdrawRange)
                .onMessage(BranchChanged.class, this::onBranchChanged)
                .onMessage(PollHeads.class, this::onPollHeads)
                .onMessage(GetStats.class, this::onGetStats)
                .onMessage(HandOver.class, this::onHandOver)
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .build();
    }

    private Behavior<Command> onRequestWork(RequestWork request) {
        messagesHandled++;
        contacts.put(request.peer(), request.replyTo());
        branch.forget(request.peer());
        SchedulingState.Decision decision =
                state.requestWork(request.peer(), request.head(), request.servesFrom(), now());
        if (decision instanceof SchedulingState.Assign assign) {
            request.replyTo().tell(new Assigned(assign.batch(), branch.current()));
        } else {
            request.replyTo().tell(new NoWork(((SchedulingState.Parked) decision).reason()));
        }
        return afterEvent();
    }

    private Behavior<Command> onReport(
            PeerId peer, List<Long> delivered, List<Long> failed, List<Long> missing) {
        if (branch.swallowsReport(peer)) {
            messagesHandled++;
            return this; // a batch a rollback cut: its blocks wait again, the writer drops what it
            // delivered
        }
        return event(
                () ->
                        state.report(
                                peer,
                                new SchedulingState.Report(delivered, failed, missing),
                                now()));
    }

    /** Counts the message, applies it to the state, then pushes, reports and re-arms. */
    private Behavior<Command> event(Runnable apply) {
        messagesHandled++;
        apply.run();
        return afterEvent();
    }

    private Behavior<Command> onPeerLeft(PeerLeft left) {
        messagesHandled++;
        contacts.remove(left.peer());
        branch.forget(left.peer());
        state.peerLeft(left.peer());
        return afterEvent();
    }

    private Behavior<Command> onPersistFailed(PersistFailed failed) {
        messagesHandled++;
        getContext()
                .getLog()
                .warn(
                        "writer could not persist {} blocks: {}",
                        failed.blocks().size(),
                        failed.reason());
        state.persistFailed(failed.blocks());
        return afterEvent();
    }

    private Behavior<Command> onRejected(Rejected rejected) {
        messagesHandled++;
        getContext()
                .getLog()
                .warn(
                        "writer refused {} blocks from {}: {}",
                        rejected.blocks().size(),
                        rejected.peer(),
                        rejected.reason());
        state.rejected(rejected.peer(), rejected.blocks(), now());
        return afterEvent();
    }

    private Behavior<Command> onAddRange(AddRange add) {
        messagesHandled++;
        long added = state.addRange(add.range());
        getContext().getLog().debug("range {} added: {} new blocks", add.range(), added);
        return afterEvent();
    }

    private Behavior<Command> onWithdrawRange(WithdrawRange withdraw) {
        messagesHandled++;
        long dropped = state.withdrawRange(withdraw.range());
        getContext()
                .getLog()
                .debug("range {} withdrawn: {} blocks dropped", withdraw.range(), dropped);
        return afterEvent();
    }

    private Behavior<Command> onBranchChanged(BranchChanged changed) {
        messagesHandled++;
        boolean later = branch.advanceTo(changed.epoch());
        branch.cut(state.rebranch(later, changed.refetch()));
        getContext()
                .getLog()
                .info(
                        "branch epoch {}: blocks {} fetched again",
                        branch.current(),
                        changed.refetch().map(BlockRange::toString).orElse("(none)"));
        return afterEvent();
    }

    private Behavior<Command> onTick() {
        messagesHandled++;
        wake.fired();
        return afterEvent();
    }

    private Behavior<Command> onPollHeads(PollHeads poll) {
        messagesHandled++;
        state.pollCandidate(poll.among(), now())
                .map(contacts::get)
                .ifPresent(peer -> peer.tell(new PollHead()));
        return afterEvent();
    }

    private Behavior<Command> onGetStats(GetStats request) {
        request.replyTo()
                .tell(SchedulerStats.of(state.settings(), state.stats(now()), messagesHandled));
        return this;
    }

    private Behavior<Command> onHandOver(HandOver request) {
        messagesHandled++;
        timers.cancelAll();
        request.replyTo()
                .tell(
                        new SchedulerHandover(
                                state.snapshot(), contacts, messagesHandled, branch.snapshot()));
        return Behaviors.stopped();
    }

    /** After every event: push work to parked peers, report a due stall, re-arm the one timer. */
    private Behavior<Command> afterEvent() {
        long now = now();
        for (SchedulingState.Push push : state.dispatch(now)) {
            ActorRef<WorkReply> peer = contacts.get(push.peer());
            if (peer == null) {
                continue; // cannot happen: a parked peer has asked, so its reply-to is known
            }
            if (push instanceof SchedulingState.Assign assign) {
                peer.tell(new Assigned(assign.batch(), branch.current()));
            } else {
                peer.tell(new RecheckHead());
            }
        }
        state.stallReportIfDue(now, mailboxDepths())
                .ifPresent(report -> getContext().getLog().warn("{}", report.toLogLine()));
        wake.rearm(state.nextDeadline(), now);
        return this;
    }

    private List<SyncStalled.MailboxDepth> mailboxDepths() {
        return MailboxDepths.get(getContext().getSystem())
                .report("scheduler", getContext().getSelf(), env.watchedMailboxes());
    }

    private long now() {
        return env.clock().nowMillis();
    }
}
