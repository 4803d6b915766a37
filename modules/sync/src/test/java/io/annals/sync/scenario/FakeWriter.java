package io.annals.sync.scenario;

import io.annals.sync.Scheduler;
import io.annals.sync.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/** Stands in for the writer: "persists" each write after a virtual delay and acks Persisted. */
final class FakeWriter extends AbstractBehavior<FakeWriter.Command> {

    sealed interface Command {}

    record Write(List<Long> blocks) implements Command {}

    record Probe(ActorRef<State> replyTo) implements Command {}

    record Inspect(ActorRef<Contents> replyTo) implements Command {}

    private record Flush(List<Long> blocks) implements Command {}

    /** Counters, cheap enough to ask for after every step. */
    record State(long handled, int receivedBlocks, int persistedBlocks, long duplicatePersists) {}

    /**
     * Everything: per block how many times it was received and persisted, and when first persisted.
     */
    record Contents(
            Map<Long, Integer> received,
            Map<Long, Integer> persisted,
            Map<Long, Long> persistedAt) {}

    private final ActorRef<Scheduler.Command> scheduler;
    private final TimeSource clock;
    private final Duration delay;
    private final TimerScheduler<Command> timers;
    private final Map<Long, Integer> received = new TreeMap<>();
    private final Map<Long, Integer> persisted = new TreeMap<>();
    private final Map<Long, Long> persistedAt = new TreeMap<>();
    private long handled;
    private long flushes;
    private long duplicatePersists;

    static Behavior<Command> create(
            ActorRef<Scheduler.Command> scheduler, TimeSource clock, Duration delay) {
        return Behaviors.setup(
                context ->
                        Behaviors.withTimers(
                                timers ->
                                        new FakeWriter(context, timers, scheduler, clock, delay)));
    }

    private FakeWriter(
            ActorContext<Command> context,
            TimerScheduler<Command> timers,
            ActorRef<Scheduler.Command> scheduler,
            TimeSource clock,
            Duration delay) {
        super(context);
        this.timers = timers;
        this.scheduler = scheduler;
        this.clock = clock;
        this.delay = delay;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Write.class, this::onWrite)
                .onMessage(Flush.class, this::onFlush)
                .onMessage(Probe.class, this::onProbe)
                .onMessage(Inspect.class, this::onInspect)
                .build();
    }

    private Behavior<Command> onWrite(Write write) {
        handled++;
        write.blocks().forEach(block -> received.merge(block, 1, Integer::sum));
        timers.startSingleTimer("flush-" + flushes++, new Flush(write.blocks()), delay);
        return this;
    }

    private Behavior<Command> onFlush(Flush flush) {
        handled++;
        long now = clock.nowMillis();
        for (long block : flush.blocks()) {
            if (persisted.merge(block, 1, Integer::sum) > 1) {
                duplicatePersists++;
            }
            persistedAt.putIfAbsent(block, now);
        }
        scheduler.tell(new Scheduler.Persisted(flush.blocks()));
        return this;
    }

    private Behavior<Command> onProbe(Probe probe) {
        probe.replyTo()
                .tell(new State(handled, received.size(), persisted.size(), duplicatePersists));
        return this;
    }

    private Behavior<Command> onInspect(Inspect inspect) {
        inspect.replyTo()
                .tell(
                        new Contents(
                                Map.copyOf(received),
                                Map.copyOf(persisted),
                                Map.copyOf(persistedAt)));
        return this;
    }
}
