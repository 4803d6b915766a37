package io.annals.sync;

import io.annals.sync.guard.ChainGuard;
import io.annals.sync.guard.ChainStats;
import io.annals.sync.head.HeadStats;
import io.annals.sync.head.HeadTracker;
import io.annals.sync.model.SyncMode;
import io.annals.sync.scheduler.Scheduler;
import io.annals.sync.scheduler.SchedulerStats;
import io.annals.sync.write.Writer;
import io.annals.sync.write.WriterStats;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A short-lived child that asks the scheduler, the writer, the head tracker and the chain guard for
 * their figures and answers one {@link SyncStats} request: when all have answered, or after a
 * timeout with what came (a child busy for longer than that shows as empty rather than holding the
 * answer up).
 */
final class StatsCollector {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private StatsCollector() {}

    sealed interface Part {}

    private record SchedulerPart(SchedulerStats stats) implements Part {}

    private record WriterPart(WriterStats stats) implements Part {}

    private record HeadPart(HeadStats stats) implements Part {}

    private record ChainPart(ChainStats stats) implements Part {}

    private enum Timeout implements Part {
        INSTANCE
    }

    /** What the supervisor knows itself, and whom to ask. */
    record Request(
            SyncMode mode,
            int peers,
            Optional<String> failure,
            ActorRef<Scheduler.Command> scheduler,
            ActorRef<Writer.Command> writer,
            ActorRef<HeadTracker.Command> head,
            ActorRef<ChainGuard.Command> guard,
            ActorRef<SyncStats> replyTo) {}

    /** The figures that came so far. */
    private record Parts(
            Optional<SchedulerStats> scheduler,
            Optional<WriterStats> writer,
            Optional<HeadStats> head,
            Optional<ChainStats> chain) {

        static final Parts NONE =
                new Parts(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

        boolean complete() {
            return scheduler.isPresent()
                    && writer.isPresent()
                    && head.isPresent()
                    && chain.isPresent();
        }

        Parts with(Part part) {
            if (part instanceof SchedulerPart p) {
                return new Parts(Optional.of(p.stats()), writer, head, chain);
            } else if (part instanceof WriterPart p) {
                return new Parts(scheduler, Optional.of(p.stats()), head, chain);
            } else if (part instanceof HeadPart p) {
                return new Parts(scheduler, writer, Optional.of(p.stats()), chain);
            } else if (part instanceof ChainPart p) {
                return new Parts(scheduler, writer, head, Optional.of(p.stats()));
            }
            return this;
        }
    }

    static Behavior<Part> create(Request request) {
        return Behaviors.setup(
                context ->
                        Behaviors.withTimers(
                                timers -> {
                                    ask(context, request);
                                    timers.startSingleTimer(Timeout.INSTANCE, TIMEOUT);
                                    return collecting(request, Parts.NONE);
                                }));
    }

    private static void ask(ActorContext<Part> context, Request request) {
        request.scheduler()
                .tell(
                        new Scheduler.GetStats(
                                context.messageAdapter(SchedulerStats.class, SchedulerPart::new)));
        request.writer()
                .tell(
                        new Writer.GetStats(
                                context.messageAdapter(WriterStats.class, WriterPart::new)));
        request.head()
                .tell(
                        new HeadTracker.GetStats(
                                context.messageAdapter(HeadStats.class, HeadPart::new)));
        request.guard()
                .tell(
                        new ChainGuard.GetStats(
                                context.messageAdapter(ChainStats.class, ChainPart::new)));
    }

    private static Behavior<Part> collecting(Request request, Parts parts) {
        if (parts.complete()) {
            return reply(request, parts);
        }
        return Behaviors.receive(Part.class)
                .onMessageEquals(Timeout.INSTANCE, () -> reply(request, parts))
                .onAnyMessage(part -> collecting(request, parts.with(part)))
                .build();
    }

    private static Behavior<Part> reply(Request request, Parts parts) {
        SyncMode mode = parts.scheduler().map(SchedulerStats::mode).orElse(request.mode());
        request.replyTo()
                .tell(
                        new SyncStats(
                                mode,
                                request.peers(),
                                request.failure(),
                                parts.scheduler(),
                                parts.writer(),
                                parts.head(),
                                parts.chain()));
        return Behaviors.stopped();
    }
}
