package io.annals.sync.peer;

import io.annals.core.types.BlockBody;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Receipt;
import io.annals.sync.BlockRange;
import io.annals.sync.PeerId;
import io.annals.sync.Scheduler;
import io.annals.sync.TimeSource;
import io.annals.sync.head.HeadTracker;
import io.annals.sync.write.Writer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One live peer session. Owns what the engine knows of the peer (its head, the lowest block it
 * serves) and its one batch at a time: it pulls work from the scheduler, fetches the batch's
 * headers, then bodies and receipts together, checks everything against the headers ({@link
 * BatchChecks}), hands valid blocks to the writer and reports the batch once. It parks on {@code
 * NoWork} until pushed, answers {@code RecheckHead} with a probe, and reports head changes it
 * learns from announcements. Futures come back through {@code pipeToSelf}; a batch carries a
 * number, so an answer that arrives after its batch was given up is dropped.
 */
public final class PeerActor extends AbstractBehavior<PeerActor.Command> {

    /** Everything the peer actor handles: all of it comes from itself or from the scheduler. */
    public sealed interface Command {}

    private record Work(Scheduler.WorkReply reply) implements Command {}

    private record HintChanged(RangeHint hint) implements Command {}

    private record LinkClosed() implements Command {}

    private record Probed(
            long probe,
            Optional<HeadProbe.ProvenHead> head,
            boolean servesBelowFloor,
            Throwable failure)
            implements Command {}

    private record HeadersFetched(long batch, Fetched<BlockHeader> headers, Throwable failure)
            implements Command {}

    private record PayloadFetched(long batch, Payload payload, Throwable failure)
            implements Command {}

    private record BatchTimedOut(long batch) implements Command {}

    private record ProbeTimedOut(long probe) implements Command {}

    /** Checked blocks of a batch and the bytes their bodies and receipts took. */
    private record Payload(BatchChecks.Outcome outcome, long bytes) {}

    /**
     * Where the peer actor sends: the scheduler (through the supervisor's gateway), writer, head
     * tracker.
     */
    public record Wiring(
            ActorRef<Scheduler.Command> scheduler,
            ActorRef<Writer.Command> writer,
            ActorRef<HeadTracker.Command> headTracker) {}

    private enum Phase {
        PROBING,
        ASKING,
        PARKED,
        FETCHING
    }

    private static final Object BATCH_TIMER = "batch";
    private static final Object PROBE_TIMER = "probe";

    private final PeerId id;
    private final PeerLink link;
    private final Wiring wiring;
    private final PeerSettings settings;
    private final TimeSource clock;
    private final TimerScheduler<Command> timers;
    private final ActorRef<Scheduler.WorkReply> workAdapter;
    private Phase phase = Phase.PROBING;
    private long head = -1;
    private long floor;
    private boolean floorOverruled;
    private boolean recheckAfterBatch;

    /**
     * Whether the scheduler knows this peer (it asked for work once); head changes go there after.
     */
    private boolean registered;

    private long batchNumber;
    private long probeNumber;
    private BlockRange batch;

    /**
     * The branch epoch of the batch's assignment: the writer drops its blocks after a later
     * rollback.
     */
    private long batchEpoch;

    private BatchChecks.HeaderCheck headerCheck;
    private long batchStartedMillis;
    private long batchBytes;

    public static Behavior<Command> create(
            PeerId id, PeerLink link, Wiring wiring, PeerSettings settings, TimeSource clock) {
        return Behaviors.setup(
                context ->
                        Behaviors.withTimers(
                                timers ->
                                        new PeerActor(
                                                context, timers, id, link, wiring, settings,
                                                clock)));
    }

    private PeerActor(
            ActorContext<Command> context,
            TimerScheduler<Command> timers,
            PeerId id,
            PeerLink link,
            Wiring wiring,
            PeerSettings settings,
            TimeSource clock) {
        super(context);
        this.timers = timers;
        this.id = id;
        this.link = link;
        this.wiring = wiring;
        this.settings = settings;
        this.clock = clock;
        this.workAdapter = context.messageAdapter(Scheduler.WorkReply.class, Work::new);
        RangeHint hint = link.hint();
        this.floor = hint.earliest();
        hint.latest().ifPresent(latest -> head = latest);
        ActorRef<Command> self = context.getSelf();
        link.onHintChanged(changed -> self.tell(new HintChanged(changed)));
        context.pipeToSelf(link.closed(), (done, failure) -> new LinkClosed());
        probe(false);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Work.class, this::onWork)
                .onMessage(HintChanged.class, this::onHintChanged)
                .onMessage(LinkClosed.class, closed -> Behaviors.stopped())
                .onMessage(Probed.class, this::onProbed)
                .onMessage(HeadersFetched.class, this::onHeadersFetched)
                .onMessage(PayloadFetched.class, this::onPayloadFetched)
                .onMessage(BatchTimedOut.class, this::onBatchTimedOut)
                .onMessage(ProbeTimedOut.class, this::onProbeTimedOut)
                .onSignal(PostStop.class, stop -> onStopped())
                .build();
    }

    private Behavior<Command> onWork(Work work) {
        if (work.reply() instanceof Scheduler.Assigned assigned) {
            startBatch(assigned.batch(), assigned.epoch());
        } else if (work.reply() instanceof Scheduler.RecheckHead) {
            if (phase == Phase.FETCHING) {
                recheckAfterBatch =
                        true; // a restarted scheduler asks everyone; finish the batch first
            } else {
                probe(true);
            }
        } else {
            phase = Phase.PARKED;
        }
        return this;
    }

    private Behavior<Command> onHintChanged(HintChanged changed) {
        RangeHint hint = changed.hint();
        if (!floorOverruled) {
            floor = hint.earliest();
        }
        long announced = hint.latest().orElse(-1);
        if (announced > head) {
            head = announced;
            if (registered) {
                wiring.scheduler().tell(new Scheduler.PeerHeadChanged(id, head));
            }
        }
        if (announced >= 0) {
            // also a lower or same-height head: a peer that switched branch names the new head's
            // hash
            wiring.headTracker()
                    .tell(
                            new HeadTracker.PeerHead(
                                    id, link, announced, Optional.of(hint.headHash()), false));
        }
        return this;
    }

    private void probe(boolean includingFloor) {
        phase = Phase.PROBING;
        long belowFloor = includingFloor && !floorOverruled ? floor : 0;
        long number = ++probeNumber;
        timers.startSingleTimer(PROBE_TIMER, new ProbeTimedOut(number), settings.batchTimeout());
        getContext()
                .pipeToSelf(
                        HeadProbe.probe(link, head, settings.probeSpan(), belowFloor),
                        (result, failure) ->
                                failure == null
                                        ? new Probed(
                                                number,
                                                result.head(),
                                                result.servesBelowFloor(),
                                                null)
                                        : new Probed(number, Optional.empty(), false, failure));
    }

    private Behavior<Command> onProbeTimedOut(ProbeTimedOut timeout) {
        if (timeout.probe() == probeNumber && phase == Phase.PROBING) {
            return onProbed(
                    new Probed(
                            probeNumber,
                            Optional.empty(),
                            false,
                            new IllegalStateException(
                                    "no answer within " + settings.batchTimeout())));
        }
        return this;
    }

    private Behavior<Command> onProbed(Probed probed) {
        if (probed.probe() != probeNumber || phase != Phase.PROBING) {
            return this; // a probe given up on
        }
        timers.cancel(PROBE_TIMER);
        probeNumber++;
        if (probed.failure() != null) {
            getContext()
                    .getLog()
                    .debug("head probe of {} failed: {}", id, probed.failure().toString());
        }
        if (probed.head().isPresent()) {
            HeadProbe.ProvenHead proven = probed.head().get();
            if (proven.number() > head) {
                head = proven.number();
                if (registered) {
                    wiring.scheduler().tell(new Scheduler.PeerHeadChanged(id, head));
                }
            }
            wiring.headTracker()
                    .tell(
                            new HeadTracker.PeerHead(
                                    id, link, proven.number(), Optional.of(proven.hash()), true));
        }
        if (probed.servesBelowFloor()) {
            getContext()
                    .getLog()
                    .info(
                            "peer {} serves blocks below the earliest block it announces ({}); asking it for "
                                    + "all history",
                            id,
                            floor);
            floorOverruled = true;
            floor = 0;
        }
        askForWork();
        return this;
    }

    private void askForWork() {
        phase = Phase.ASKING;
        registered = true;
        wiring.scheduler().tell(new Scheduler.RequestWork(id, head, floor, workAdapter));
    }

    private void startBatch(BlockRange assigned, long epoch) {
        phase = Phase.FETCHING;
        batch = assigned;
        batchEpoch = epoch;
        batchNumber++;
        batchStartedMillis = clock.nowMillis();
        batchBytes = 0;
        headerCheck = null;
        long number = batchNumber;
        timers.startSingleTimer(BATCH_TIMER, new BatchTimedOut(number), settings.batchTimeout());
        getContext()
                .pipeToSelf(
                        link.headers(assigned.first(), (int) assigned.size()),
                        (headers, failure) -> new HeadersFetched(number, headers, failure));
    }

    private Behavior<Command> onHeadersFetched(HeadersFetched fetched) {
        if (fetched.batch() != batchNumber || phase != Phase.FETCHING) {
            return this;
        }
        if (fetched.failure() != null) {
            return failedRequest(fetched.failure(), BatchChecks.HeaderCheck.nothingUsable(batch));
        }
        batchBytes += fetched.headers().bytes();
        headerCheck = BatchChecks.checkHeaders(batch, fetched.headers().items());
        if (headerCheck.usable().isEmpty()) {
            finish(
                    BatchChecks.assemble(
                            headerCheck, new Fetched<>(List.of(), 0), new Fetched<>(List.of(), 0)));
            return this;
        }
        BatchChecks.HeaderCheck check = headerCheck;
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
        long number = batchNumber;
        getContext()
                .pipeToSelf(
                        payload,
                        (checked, failure) -> new PayloadFetched(number, checked, failure));
        return this;
    }

    private Behavior<Command> onPayloadFetched(PayloadFetched fetched) {
        if (fetched.batch() != batchNumber || phase != Phase.FETCHING) {
            return this;
        }
        if (fetched.failure() != null) {
            return failedRequest(fetched.failure(), headerCheck);
        }
        batchBytes += fetched.payload().bytes();
        finish(fetched.payload().outcome());
        return this;
    }

    private Behavior<Command> onBatchTimedOut(BatchTimedOut timeout) {
        if (timeout.batch() == batchNumber && phase == Phase.FETCHING) {
            finish(
                    BatchChecks.allFailed(
                            BatchChecks.HeaderCheck.nothingUsable(batch),
                            "no complete answer within " + settings.batchTimeout()));
        }
        return this;
    }

    /**
     * A request failed: the session ended (its close will report) or the peer failed the blocks.
     */
    private Behavior<Command> failedRequest(Throwable failure, BatchChecks.HeaderCheck check) {
        if (link.isDisconnect(failure)) {
            return this; // LinkClosed follows; PeerLeft gives the batch back without penalty
        }
        finish(BatchChecks.allFailed(check, BatchReports.describe(failure)));
        return this;
    }

    private void finish(BatchChecks.Outcome outcome) {
        timers.cancel(BATCH_TIMER);
        batchNumber++; // answers still in flight for this batch are dropped
        if (!outcome.delivered().isEmpty()) {
            wiring.writer().tell(new Writer.Store(id, batchEpoch, outcome.delivered()));
        }
        if (!outcome.delivered().isEmpty() || !outcome.failed().isEmpty()) {
            // a failed batch is a measurement too (zero blocks); "not yet available" says nothing
            // of speed
            wiring.scheduler()
                    .tell(
                            new Scheduler.Measured(
                                    id,
                                    outcome.delivered().size(),
                                    batchBytes,
                                    clock.nowMillis() - batchStartedMillis));
        }
        wiring.scheduler().tell(BatchReports.report(id, batch, outcome));
        outcome.problem()
                .ifPresent(
                        problem ->
                                getContext()
                                        .getLog()
                                        .info("peer {}, batch {}: {}", id, batch, problem));
        batch = null;
        headerCheck = null;
        if (recheckAfterBatch) {
            recheckAfterBatch = false;
            probe(true);
        } else {
            askForWork();
        }
    }

    private Behavior<Command> onStopped() {
        wiring.scheduler().tell(new Scheduler.PeerLeft(id));
        wiring.headTracker().tell(new HeadTracker.PeerGone(id));
        return this;
    }
}
