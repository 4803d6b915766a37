package io.annals.sync.scenario;

import io.annals.sync.model.TimeSource;
import io.annals.sync.write.Writer;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Stands in for the writer: "persists" each write of a scripted peer after a virtual delay and
 * tells its subscribers {@link Writer.BlocksStored}, as the real writer does. It speaks the part of
 * the writer's protocol the supervisor uses ({@link Writer.Subscribe}, stats, halt, drain) plus its
 * own test messages, so it can take the writer's place among the supervisor's children.
 */
final class FakeWriter {

    /** A scripted peer's validated blocks. */
    record Write(List<Long> blocks) {}

    record Probe(ActorRef<State> replyTo) {}

    record Inspect(ActorRef<Contents> replyTo) {}

    private record Flush(List<Long> blocks) {}

    /** Counters, cheap enough to ask for after every step. */
    record State(long handled, int receivedBlocks, int persistedBlocks, long duplicatePersists) {}

    /**
     * Everything: per block how many times it was received and persisted, and when first persisted.
     */
    record Contents(
            Map<Long, Integer> received,
            Map<Long, Integer> persisted,
            Map<Long, Long> persistedAt) {}

    private final TimeSource clock;
    private final Duration delay;
    private final TimerScheduler<Object> timers;
    private final Set<ActorRef<Writer.Event>> subscribers = new LinkedHashSet<>();
    private final Map<Long, Integer> received = new TreeMap<>();
    private final Map<Long, Integer> persisted = new TreeMap<>();
    private final Map<Long, Long> persistedAt = new TreeMap<>();
    private long handled;
    private long flushes;
    private long duplicatePersists;

    private FakeWriter(TimerScheduler<Object> timers, TimeSource clock, Duration delay) {
        this.timers = timers;
        this.clock = clock;
        this.delay = delay;
    }

    /**
     * The fake as the supervisor's writer child; {@code started} receives its address for the
     * scripted peers and the test.
     */
    static Behavior<Writer.Command> create(
            TimeSource clock, Duration delay, Consumer<ActorRef<Object>> started) {
        Behavior<Object> fake =
                Behaviors.setup(
                        context ->
                                Behaviors.withTimers(
                                        timers -> {
                                            started.accept(context.getSelf());
                                            return new FakeWriter(timers, clock, delay).behavior();
                                        }));
        return fake.narrow();
    }

    private Behavior<Object> behavior() {
        return Behaviors.receive(Object.class)
                .onMessage(Write.class, this::onWrite)
                .onMessage(Flush.class, this::onFlush)
                .onMessage(Probe.class, this::onProbe)
                .onMessage(Inspect.class, this::onInspect)
                .onMessage(
                        Writer.Subscribe.class,
                        subscribe -> {
                            subscribers.add(subscribe.subscriber());
                            return Behaviors.same();
                        })
                .onMessage(
                        Writer.Drain.class,
                        drain -> {
                            drain.replyTo()
                                    .tell(
                                            new Writer.Drained(
                                                    persisted.size(),
                                                    OptionalLong.empty(),
                                                    java.util.Optional.empty()));
                            return Behaviors.same();
                        })
                .onAnyMessage(ignored -> Behaviors.same())
                .build();
    }

    private Behavior<Object> onWrite(Write write) {
        handled++;
        write.blocks().forEach(block -> received.merge(block, 1, Integer::sum));
        timers.startSingleTimer("flush-" + flushes++, new Flush(write.blocks()), delay);
        return Behaviors.same();
    }

    private Behavior<Object> onFlush(Flush flush) {
        handled++;
        long now = clock.nowMillis();
        for (long block : flush.blocks()) {
            if (persisted.merge(block, 1, Integer::sum) > 1) {
                duplicatePersists++;
            }
            persistedAt.putIfAbsent(block, now);
        }
        Writer.BlocksStored stored = new Writer.BlocksStored(flush.blocks());
        subscribers.forEach(subscriber -> subscriber.tell(stored));
        return Behaviors.same();
    }

    private Behavior<Object> onProbe(Probe probe) {
        probe.replyTo()
                .tell(new State(handled, received.size(), persisted.size(), duplicatePersists));
        return Behaviors.same();
    }

    private Behavior<Object> onInspect(Inspect inspect) {
        inspect.replyTo()
                .tell(
                        new Contents(
                                Map.copyOf(received),
                                Map.copyOf(persisted),
                                Map.copyOf(persistedAt)));
        return Behaviors.same();
    }
}
