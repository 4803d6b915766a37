package io.annals.sync.peer;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.store.BlockRange;
import io.annals.sync.head.HeadSource;
import io.annals.sync.head.HeadTracker;
import io.annals.sync.link.Fetched;
import io.annals.sync.link.PeerLink;
import io.annals.sync.link.RangeHint;
import io.annals.sync.model.PeerId;
import io.annals.sync.model.TimeSource;
import io.annals.sync.scheduler.Scheduler;
import io.annals.sync.write.Writer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.BehaviorBuilder;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One live peer session. Owns what the engine knows of the peer (its head, the lowest block it
 * serves) and its one batch at a time. It is in one of three states, each a behaviour of its own:
 *
 * <ul>
 *   <li>{@link #probing probing}: proving the peer's head (and whether it serves below the floor it
 *       announces) with header requests ({@link HeadProbe}), then asking the scheduler for work;
 *   <li>{@link #waiting waiting}: asked for work, or parked on {@code NoWork} until pushed;
 *   <li>{@link #fetching fetching}: one batch's headers, then bodies and receipts together, checked
 *       against the headers ({@link BatchChecks}); valid blocks go to the writer and the batch is
 *       reported once, then it asks again.
 * </ul>
 *
 * In every state it reports head changes it learns from announcements and stops when the session
 * ends. Futures come back through {@code pipeToSelf}; each probe and batch carries a request
 * number, and a state accepts only answers with its own number, so an answer that arrives after its
 * request was given up is dropped.
 */
public final class PeerActor {

    /** Everything the peer actor handles: all of it comes from itself or from the scheduler. */
    public sealed interface Command {}

    private record Work(Scheduler.WorkReply reply) implements Command {}

    private record HintChanged(RangeHint hint) implements Command {}

    private record LinkClosed() implements Command {}

    private record Probed(
            long request,
            Optional<HeadProbe.ProvenHead> head,
            boolean servesBelowFloor,
            Throwable failure)
            implements Command {}

    private record ProbeTimedOut(long request) implements Command {}

    private record HeadersFetched(long request, Fetched<BlockHeader> headers, Throwable failure)
            implements Command {}

    private record PayloadFetched(long request, Payload payload, Throwable failure)
            implements Command {}

    private record BatchTimedOut(long request) implements Command {}

    /** Checked blocks of a batch and the bytes their bodies and receipts took. */
    private record Payload(BatchChecks.Outcome outcome, long bytes) {}

    /**
     * Where the peer actor sends: the scheduler (through its stable gateway), writer, head tracker.
     */
    public record Wiring(
            ActorRef<Scheduler.Command> scheduler,
            ActorRef<Writer.Command> writer,
            ActorRef<HeadTracker.Command> headTracker) {}

    private static final Object BATCH_TIMER = "batch";
    private static final Object PROBE_TIMER = "probe";

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final PeerId id;
    private final PeerLink link;
    private final Wiring wiring;
    private final PeerSettings settings;
    private final TimeSource clock;
    private final ActorRef<Scheduler.WorkReply> workAdapter;
    private final PeerRange range;

    /** Numbers every probe and batch; only answers to the newest request are accepted. */
    private long requests;

    public static Behavior<Command> create(
            PeerId id, PeerLink link, Wiring wiring, PeerSettings settings, TimeSource clock) {
        return Behaviors.setup(
                context ->
                        Behaviors.withTimers(
                                timers ->
                                        new PeerActor(
                                                        context, timers, id, link, wiring, settings,
                                                        clock)
                                                .probing(Probe.START)));
    }

    private PeerActor(
            ActorContext<Command> context,
            TimerScheduler<Command> timers,
            PeerId id,
            PeerLink link,
            Wiring wiring,
            PeerSettings settings,
            TimeSource clock) {
        this.context = context;
        this.timers = timers;
        this.id = id;
        this.link = link;
        this.wiring = wiring;
        this.settings = settings;
        this.clock = clock;
        this.workAdapter = context.messageAdapter(Scheduler.WorkReply.class, Work::new);
        this.range = new PeerRange(link.hint());
        ActorRef<Command> self = context.getSelf();
        link.onHintChanged(changed -> self.tell(new HintChanged(changed)));
        context.pipeToSelf(link.closed(), (done, failure) -> new LinkClosed());
    }

    // ---- probing

    /** Proves the head (and for a re-check the floor too), then asks for work. */
    private Behavior<Command> probing(Probe probe) {
        long request = ++requests;
        long belowFloor = probe.floor() ? range.floorToProbe() : 0;
        timers.startSingleTimer(PROBE_TIMER, new ProbeTimedOut(request), settings.batchTimeout());
        context.pipeToSelf(
                HeadProbe.probe(link, range.head(), settings.probeSpan(), belowFloor),
                (result, failure) ->
                        failure == null
                                ? new Probed(
                                        request, result.head(), result.servesBelowFloor(), null)
                                : new Probed(request, Optional.empty(), false, failure));
        return probing(request, probe, false);
    }

    /**
     * Waiting for probe {@code request}; {@code announcedMeanwhile} when the peer announced a
     * higher head after the probe went out (it is probed once more).
     */
    private Behavior<Command> probing(long request, Probe probe, boolean announcedMeanwhile) {
        return state(
                Behaviors.receive(Command.class)
                        .onMessage(
                                Probed.class,
                                probed -> probed.request() == request,
                                probed -> onProbed(probed, probe, announcedMeanwhile))
                        .onMessage(
                                ProbeTimedOut.class,
                                timeout -> timeout.request() == request,
                                timeout -> onProbed(timedOut(request), probe, announcedMeanwhile))
                        .onMessage(
                                Work.class,
                                work ->
                                        onWork(
                                                work,
                                                next ->
                                                        next.floor()
                                                                ? probing(next)
                                                                : Behaviors.same())),
                raised -> probing(request, probe, true));
    }

    private Probed timedOut(long request) {
        return new Probed(
                request,
                Optional.empty(),
                false,
                new IllegalStateException("no answer within " + settings.batchTimeout()));
    }

    private Behavior<Command> onProbed(Probed probed, Probe probe, boolean announcedMeanwhile) {
        timers.cancel(PROBE_TIMER);
        if (probed.failure() != null) {
            context.getLog().debug("head probe of {} failed: {}", id, probed.failure().toString());
        }
        probed.head()
                .ifPresent(
                        proven -> {
                            raiseHead(proven.number());
                            wiring.headTracker()
                                    .tell(
                                            new HeadTracker.PeerHead(
                                                    id,
                                                    proven.number(),
                                                    Optional.of(proven.hash()),
                                                    probe.reason()));
                        });
        if (probed.servesBelowFloor()) {
            context.getLog()
                    .info(
                            "peer {} serves blocks below the earliest block it announces ({}); asking it for "
                                    + "all history",
                            id,
                            range.floor());
            range.overruleFloor();
        }
        if (announcedMeanwhile && probed.head().map(p -> p.number() < range.head()).orElse(true)) {
            return probing(Probe.ANNOUNCEMENT); // once per announcement: a liar cannot loop it
        }
        return askForWork();
    }

    // ---- waiting for work

    private Behavior<Command> askForWork() {
        range.registered();
        wiring.scheduler()
                .tell(new Scheduler.RequestWork(id, range.head(), range.floor(), workAdapter));
        return waiting();
    }

    /**
     * Asked for work, or parked until the scheduler pushes some. A higher head announced now is
     * probed at once: a claim no peer has proven yet is checked, not left waiting for a quorum.
     */
    private Behavior<Command> waiting() {
        return state(
                Behaviors.receive(Command.class)
                        .onMessage(Work.class, work -> onWork(work, this::probing)),
                raised -> probing(Probe.ANNOUNCEMENT));
    }

    /**
     * The scheduler's answer or push: a batch to fetch, a probe to make ({@code probe}: a head to
     * re-check, or a poll for a new head), or no work for now (wait to be pushed).
     */
    private Behavior<Command> onWork(Work work, Function<Probe, Behavior<Command>> probe) {
        if (work.reply() instanceof Scheduler.Assigned assigned) {
            return fetching(assigned.batch(), assigned.epoch());
        }
        if (work.reply() instanceof Scheduler.RecheckHead) {
            return probe.apply(Probe.RECHECK);
        }
        if (work.reply() instanceof Scheduler.PollHead) {
            return probe.apply(Probe.POLL);
        }
        return waiting();
    }

    // ---- fetching one batch

    private Behavior<Command> fetching(BlockRange assigned, long epoch) {
        Batch batch = new Batch(++requests, assigned, epoch, clock.nowMillis());
        timers.startSingleTimer(
                BATCH_TIMER, new BatchTimedOut(batch.request()), settings.batchTimeout());
        context.pipeToSelf(
                link.headers(assigned.first(), (int) assigned.size()),
                (headers, failure) -> new HeadersFetched(batch.request(), headers, failure));
        return fetching(batch);
    }

    private Behavior<Command> fetching(Batch batch) {
        long request = batch.request();
        return state(
                Behaviors.receive(Command.class)
                        .onMessage(
                                HeadersFetched.class,
                                fetched -> fetched.request() == request,
                                fetched -> onHeadersFetched(batch, fetched))
                        .onMessage(
                                PayloadFetched.class,
                                fetched -> fetched.request() == request,
                                fetched -> onPayloadFetched(batch, fetched))
                        .onMessage(
                                BatchTimedOut.class,
                                timeout -> timeout.request() == request,
                                timeout -> finish(batch, timedOut(batch)))
                        // a restarted scheduler asks everyone to re-check: finish the batch first
                        .onMessage(
                                Work.class,
                                work -> onWork(work, probe -> fetching(batch.probeAfter(probe)))),
                raised -> fetching(batch.probeAfter(Probe.ANNOUNCEMENT)));
    }

    private BatchChecks.Outcome timedOut(Batch batch) {
        return BatchChecks.allFailed(
                BatchChecks.HeaderCheck.nothingUsable(batch.range()),
                "no complete answer within " + settings.batchTimeout());
    }

    private Behavior<Command> onHeadersFetched(Batch batch, HeadersFetched fetched) {
        if (fetched.failure() != null) {
            return failedRequest(
                    batch, fetched.failure(), BatchChecks.HeaderCheck.nothingUsable(batch.range()));
        }
        BatchChecks.HeaderCheck check =
                BatchChecks.checkHeaders(batch.range(), fetched.headers().items());
        Batch withHeaders = batch.withHeaders(check, fetched.headers().bytes());
        if (check.usable().isEmpty()) {
            return finish(
                    withHeaders,
                    BatchChecks.assemble(
                            check, new Fetched<>(List.of(), 0), new Fetched<>(List.of(), 0)));
        }
        List<Hash> hashes = check.usable().stream().map(BlockHeader::hash).toList();
        CompletableFuture<Fetched<BlockBody>> bodies = link.bodies(hashes);
        CompletableFuture<Fetched<List<Receipt>>> receipts = link.receipts(check.usable());
        // the roots are checked on the thread that completes the responses, not on the actor's
        CompletableFuture<Payload> payload =
                bodies.thenCombine(
                        receipts,
                        (b, r) ->
                                new Payload(
                                        BatchChecks.assemble(check, b, r), b.bytes() + r.bytes()));
        context.pipeToSelf(
                payload,
                (checked, failure) -> new PayloadFetched(batch.request(), checked, failure));
        return fetching(withHeaders);
    }

    private Behavior<Command> onPayloadFetched(Batch batch, PayloadFetched fetched) {
        if (fetched.failure() != null) {
            return failedRequest(batch, fetched.failure(), batch.headers());
        }
        return finish(batch.withBytes(fetched.payload().bytes()), fetched.payload().outcome());
    }

    /**
     * A request failed: the session ended (its close will report) or the peer failed the blocks.
     */
    private Behavior<Command> failedRequest(
            Batch batch, Throwable failure, BatchChecks.HeaderCheck check) {
        if (link.isDisconnect(failure)) {
            return Behaviors.same(); // LinkClosed follows; PeerLeft gives the batch back
        }
        return finish(batch, BatchChecks.allFailed(check, BatchReports.describe(failure)));
    }

    private Behavior<Command> finish(Batch batch, BatchChecks.Outcome outcome) {
        timers.cancel(BATCH_TIMER);
        if (!outcome.delivered().isEmpty()) {
            wiring.writer().tell(new Writer.Store(id, batch.epoch(), outcome.delivered()));
        }
        if (!outcome.delivered().isEmpty() || !outcome.failed().isEmpty()) {
            // a failed batch is a measurement too (zero blocks); "not yet available" says nothing
            // of speed
            wiring.scheduler()
                    .tell(
                            new Scheduler.Measured(
                                    id,
                                    outcome.delivered().size(),
                                    batch.bytes(),
                                    clock.nowMillis() - batch.startedMillis()));
        }
        wiring.scheduler().tell(BatchReports.report(id, batch.range(), outcome));
        outcome.problem()
                .ifPresent(
                        problem ->
                                context.getLog()
                                        .info("peer {}, batch {}: {}", id, batch.range(), problem));
        return batch.probeAfter().map(this::probing).orElseGet(this::askForWork);
    }

    // ---- in every state

    /**
     * A state: its own handlers, then what every state handles alike (announcements, the end of the
     * session, stopping); anything else is an answer to a request given up on, and dropped. An
     * announcement is reported as a claim in every state; one that raises the peer's head then goes
     * to {@code onHigherHead}, which probes it now or after the current request.
     */
    private Behavior<Command> state(
            BehaviorBuilder<Command> own, Function<HintChanged, Behavior<Command>> onHigherHead) {
        return own.onMessage(
                        HintChanged.class,
                        changed ->
                                announced(changed.hint())
                                        ? onHigherHead.apply(changed)
                                        : Behaviors.same())
                .onMessage(LinkClosed.class, closed -> Behaviors.stopped())
                .onAnyMessage(stale -> Behaviors.same())
                .onSignal(PostStop.class, stop -> onStopped())
                .build();
    }

    /** Reports an announcement as a claim; returns whether it raised the peer's head. */
    private boolean announced(RangeHint hint) {
        range.announced(hint);
        long announced = hint.latest().orElse(-1);
        boolean raised = raiseHead(announced);
        if (announced >= 0) {
            // also a lower or same-height head: a peer that switched branch names the new head's
            // hash
            wiring.headTracker()
                    .tell(
                            new HeadTracker.PeerHead(
                                    id,
                                    announced,
                                    Optional.of(hint.headHash()),
                                    HeadSource.ANNOUNCED));
        }
        return raised;
    }

    /**
     * A higher head is the scheduler's business once it knows the peer; returns whether it rose.
     */
    private boolean raiseHead(long number) {
        boolean raised = range.raiseHead(number);
        if (raised && range.isRegistered()) {
            wiring.scheduler().tell(new Scheduler.PeerHeadChanged(id, range.head()));
        }
        return raised;
    }

    private Behavior<Command> onStopped() {
        wiring.scheduler().tell(new Scheduler.PeerLeft(id));
        wiring.headTracker().tell(new HeadTracker.PeerGone(id));
        return Behaviors.same();
    }
}
