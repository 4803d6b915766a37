package io.annals.sync.scenario;

import io.annals.store.BlockRange;
import io.annals.sync.model.PeerId;
import io.annals.sync.model.TimeSource;
import io.annals.sync.scheduler.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * A fake peer actor speaking the scheduler protocol: asks for work, "fetches" each batch after a
 * virtual latency, decides each block's fate with its script, hands delivered blocks to the fake
 * writer and reports, then asks again — as the real peer actor will.
 */
final class ScriptedPeer extends AbstractBehavior<ScriptedPeer.Command> {

    enum Fate {
        DELIVER,
        FAIL,
        EMPTY
    }

    /** Decides what happens to a block fetched at a virtual time. */
    @FunctionalInterface
    interface Script {
        Fate fate(long block, long now);
    }

    sealed interface Command {}

    record Start() implements Command {}

    record SetHead(long head) implements Command {}

    record SetScript(Script script) implements Command {}

    record Disconnect() implements Command {}

    record Probe(ActorRef<State> replyTo) implements Command {}

    private record Reply(Scheduler.WorkReply reply) implements Command {}

    private record Respond() implements Command {}

    /** What the peer has done so far; probes are not counted. */
    record State(
            PeerId peer,
            long handled,
            long head,
            List<Long> busy,
            long assignments,
            long lastAssignedMillis,
            List<BlockRange> batches,
            boolean connected,
            long recheckHeads,
            long noWorks) {}

    private final PeerId id;
    private final ActorRef<Scheduler.Command> scheduler;
    private final ActorRef<Object> writer;
    private final TimeSource clock;
    private final Duration latency;
    private final TimerScheduler<Command> timers;
    private final ActorRef<Scheduler.WorkReply> replyAdapter;
    private final List<BlockRange> batches = new ArrayList<>();
    private Script script;
    private long head;
    private BlockRange busy;
    private long handled;
    private long lastAssigned = Long.MIN_VALUE;
    private boolean connected = true;
    private long recheckHeads;
    private long noWorks;

    static Behavior<Command> create(
            PeerId id,
            long head,
            Script script,
            Duration latency,
            ActorRef<Scheduler.Command> scheduler,
            ActorRef<Object> writer,
            TimeSource clock) {
        return Behaviors.setup(
                context ->
                        Behaviors.withTimers(
                                timers ->
                                        new ScriptedPeer(
                                                context, timers, id, head, script, latency,
                                                scheduler, writer, clock)));
    }

    private ScriptedPeer(
            ActorContext<Command> context,
            TimerScheduler<Command> timers,
            PeerId id,
            long head,
            Script script,
            Duration latency,
            ActorRef<Scheduler.Command> scheduler,
            ActorRef<Object> writer,
            TimeSource clock) {
        super(context);
        this.timers = timers;
        this.id = id;
        this.head = head;
        this.script = script;
        this.latency = latency;
        this.scheduler = scheduler;
        this.writer = writer;
        this.clock = clock;
        this.replyAdapter = context.messageAdapter(Scheduler.WorkReply.class, Reply::new);
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Start.class, m -> counted(this::askForWork))
                .onMessage(SetHead.class, this::onSetHead)
                .onMessage(SetScript.class, m -> counted(() -> script = m.script()))
                .onMessage(Disconnect.class, this::onDisconnect)
                .onMessage(Probe.class, this::onProbe)
                .onMessage(Reply.class, this::onReply)
                .onMessage(Respond.class, m -> counted(this::respond))
                .build();
    }

    private Behavior<Command> counted(Runnable action) {
        handled++;
        if (connected) {
            action.run();
        }
        return this;
    }

    private Behavior<Command> onSetHead(SetHead message) {
        return counted(
                () -> {
                    head = message.head();
                    scheduler.tell(new Scheduler.PeerHeadChanged(id, head));
                });
    }

    private Behavior<Command> onDisconnect(Disconnect message) {
        return counted(
                () -> {
                    connected = false;
                    timers.cancelAll();
                    busy = null;
                    scheduler.tell(new Scheduler.PeerLeft(id));
                });
    }

    private Behavior<Command> onProbe(Probe probe) {
        probe.replyTo()
                .tell(
                        new State(
                                id,
                                handled,
                                head,
                                busy == null ? List.of() : busy.blocks(),
                                batches.size(),
                                lastAssigned,
                                List.copyOf(batches),
                                connected,
                                recheckHeads,
                                noWorks));
        return this;
    }

    private Behavior<Command> onReply(Reply reply) {
        return counted(
                () -> {
                    if (reply.reply() instanceof Scheduler.Assigned assigned) {
                        busy = assigned.batch();
                        batches.add(busy);
                        lastAssigned = clock.nowMillis();
                        timers.startSingleTimer(new Respond(), latency);
                    } else if (reply.reply() instanceof Scheduler.RecheckHead) {
                        recheckHeads++;
                        askForWork();
                    } else {
                        noWorks++;
                    }
                });
    }

    private void askForWork() {
        scheduler.tell(new Scheduler.RequestWork(id, head, 0, replyAdapter));
    }

    private void respond() {
        if (busy == null) {
            return;
        }
        long now = clock.nowMillis();
        List<Long> delivered = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        List<Long> missing = new ArrayList<>();
        for (long block : busy.blocks()) {
            switch (block > head ? Fate.EMPTY : script.fate(block, now)) {
                case DELIVER -> delivered.add(block);
                case FAIL -> failed.add(block);
                default -> missing.add(block);
            }
        }
        busy = null;
        if (!delivered.isEmpty()) {
            writer.tell(new FakeWriter.Write(delivered));
        }
        if (failed.isEmpty() && missing.isEmpty()) {
            scheduler.tell(new Scheduler.Delivered(id, delivered));
        } else if (delivered.isEmpty() && missing.isEmpty()) {
            scheduler.tell(new Scheduler.Failed(id, failed, "scripted failure"));
        } else if (delivered.isEmpty() && failed.isEmpty()) {
            scheduler.tell(new Scheduler.NotYetAvailable(id, missing));
        } else {
            scheduler.tell(
                    new Scheduler.PartiallyDelivered(
                            id, delivered, failed, missing, "scripted partial answer"));
        }
        askForWork();
    }
}
