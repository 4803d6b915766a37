package io.annals.sync;

import io.annals.sync.head.HeadStats;
import io.annals.sync.head.HeadTracker;
import io.annals.sync.write.Writer;
import io.annals.sync.write.WriterStats;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A short-lived child that asks the scheduler, the writer and the head tracker for their figures
 * and answers one {@link SyncStats} request: when all have answered, or after a timeout with what
 * came (a child busy for longer than that shows as empty rather than holding the answer up).
 */
final class StatsCollector {

    static final Duration TIMEOUT = Duration.ofSeconds(3);

    private StatsCollector() {}

    sealed interface Part {}

    private record SchedulerPart(SchedulerStats stats) implements Part {}

    private record WriterPart(WriterStats stats) implements Part {}

    private record HeadPart(HeadStats stats) implements Part {}

    private enum Timeout implements Part {
        INSTANCE
    }

    /** What the supervisor knows itself, and whom to ask. */
    record Request(
            SyncMode mode,
            int peers,
            Optional<String> failure,
            ActorRef<Scheduler.Command> scheduler,
            Optional<ActorRef<Writer.Command>> writer,
            Optional<ActorRef<HeadTracker.Command>> head,
            ActorRef<SyncStats> replyTo) {}

    static Behavior<Part> create(Request request) {
        return Behaviors.setup(
                context ->
                        Behaviors.withTimers(
                                timers -> {
                                    request.scheduler()
                                            .tell(
                                                    new Scheduler.GetStats(
                                                            context.messageAdapter(
                                                                    SchedulerStats.class,
                                                                    SchedulerPart::new)));
                                    request.writer()
                                            .ifPresent(
                                                    writer ->
                                                            writer.tell(
                                                                    new Writer.GetStats(
                                                                            context.messageAdapter(
                                                                                    WriterStats
                                                                                            .class,
                                                                                    WriterPart
                                                                                            ::new))));
                                    request.head()
                                            .ifPresent(
                                                    head ->
                                                            head.tell(
                                                                    new HeadTracker.GetStats(
                                                                            context.messageAdapter(
                                                                                    HeadStats.class,
                                                                                    HeadPart
                                                                                            ::new))));
                                    timers.startSingleTimer(Timeout.INSTANCE, TIMEOUT);
                                    return collecting(
                                            request,
                                            Optional.empty(),
                                            Optional.empty(),
                                            Optional.empty());
                                }));
    }

    private static Behavior<Part> collecting(
            Request request,
            Optional<SchedulerStats> scheduler,
            Optional<WriterStats> writer,
            Optional<HeadStats> head) {
        boolean complete =
                scheduler.isPresent()
                        && writer.isPresent() == request.writer().isPresent()
                        && head.isPresent() == request.head().isPresent();
        if (complete) {
            return reply(request, scheduler, writer, head);
        }
        return Behaviors.receive(Part.class)
                .onMessage(
                        SchedulerPart.class,
                        part -> collecting(request, Optional.of(part.stats()), writer, head))
                .onMessage(
                        WriterPart.class,
                        part -> collecting(request, scheduler, Optional.of(part.stats()), head))
                .onMessage(
                        HeadPart.class,
                        part -> collecting(request, scheduler, writer, Optional.of(part.stats())))
                .onMessageEquals(Timeout.INSTANCE, () -> reply(request, scheduler, writer, head))
                .build();
    }

    private static Behavior<Part> reply(
            Request request,
            Optional<SchedulerStats> scheduler,
            Optional<WriterStats> writer,
            Optional<HeadStats> head) {
        SyncMode mode = scheduler.map(SchedulerStats::mode).orElse(request.mode());
        request.replyTo()
                .tell(
                        new SyncStats(
                                mode, request.peers(), request.failure(), scheduler, writer, head));
        return Behaviors.stopped();
    }
}
