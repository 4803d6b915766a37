package io.annals.sync;

import io.annals.sync.guard.ChainGuard;
import io.annals.sync.guard.GuardSettings;
import io.annals.sync.head.HeadSettings;
import io.annals.sync.head.HeadTracker;
import io.annals.sync.ledger.SchedulerSettings;
import io.annals.sync.link.PeerLink;
import io.annals.sync.model.PeerId;
import io.annals.sync.model.SyncMode;
import io.annals.sync.model.TimeSource;
import io.annals.sync.peer.PeerActor;
import io.annals.sync.peer.PeerSettings;
import io.annals.sync.scheduler.Scheduler;
import io.annals.sync.scheduler.SchedulerEnvironment;
import io.annals.sync.scheduler.SchedulerHandover;
import io.annals.sync.write.SyncStore;
import io.annals.sync.write.Writer;
import io.annals.sync.write.WriterSettings;
import java.util.Objects;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;

/**
 * How the {@link SyncSupervisor} builds each of its children. {@link #standard(SyncStore)} outside
 * tests; a test replaces one factory to put a fake or a fault in its place.
 */
public record SyncChildren(
        SchedulerFactory scheduler,
        WriterFactory writer,
        GuardFactory guard,
        HeadTrackerFactory headTracker,
        PeerFactory peer) {

    public SyncChildren {
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(writer, "writer");
        Objects.requireNonNull(guard, "guard");
        Objects.requireNonNull(headTracker, "headTracker");
        Objects.requireNonNull(peer, "peer");
    }

    @FunctionalInterface
    public interface SchedulerFactory {
        Behavior<Scheduler.Command> create(
                SchedulerSettings settings,
                SchedulerEnvironment env,
                Optional<SchedulerHandover> predecessor);
    }

    @FunctionalInterface
    public interface WriterFactory {
        Behavior<Writer.Command> create(WriterSettings settings);
    }

    @FunctionalInterface
    public interface GuardFactory {
        Behavior<ChainGuard.Command> create(
                GuardSettings settings,
                ActorRef<Writer.Command> writer,
                ActorRef<ChainGuard.Event> events);
    }

    @FunctionalInterface
    public interface HeadTrackerFactory {
        Behavior<HeadTracker.Command> create(
                HeadSettings settings,
                SyncMode initialMode,
                TimeSource clock,
                HeadTracker.Wiring wiring);
    }

    @FunctionalInterface
    public interface PeerFactory {
        Behavior<PeerActor.Command> create(
                PeerId id,
                PeerLink link,
                PeerActor.Wiring wiring,
                PeerSettings settings,
                TimeSource clock);
    }

    /** The real children, over {@code store}. */
    public static SyncChildren standard(SyncStore store) {
        return new SyncChildren(
                Scheduler::create,
                settings -> Writer.create(store, settings),
                (settings, writer, events) -> ChainGuard.create(settings, store, writer, events),
                (settings, mode, clock, wiring) ->
                        HeadTracker.create(settings, mode, store, clock, wiring),
                PeerActor::create);
    }

    public SyncChildren withScheduler(SchedulerFactory factory) {
        return new SyncChildren(factory, writer, guard, headTracker, peer);
    }

    public SyncChildren withWriter(WriterFactory factory) {
        return new SyncChildren(scheduler, factory, guard, headTracker, peer);
    }

    public SyncChildren withGuard(GuardFactory factory) {
        return new SyncChildren(scheduler, writer, factory, headTracker, peer);
    }

    public SyncChildren withHeadTracker(HeadTrackerFactory factory) {
        return new SyncChildren(scheduler, writer, guard, factory, peer);
    }
}
