package io.annals.sync;

import io.annals.sync.head.HeadSettings;
import io.annals.sync.head.HeadTracker;
import io.annals.sync.peer.PeerActor;
import io.annals.sync.peer.PeerLink;
import io.annals.sync.peer.PeerSettings;
import io.annals.sync.write.SyncStore;
import io.annals.sync.write.Writer;
import io.annals.sync.write.WriterSettings;
import java.util.Objects;
import org.apache.pekko.actor.typed.Behavior;

/**
 * What the whole engine runs on: its settings, the store it fills, the clock of its ledger and the
 * factories of the supervisor's children (standard ones outside tests).
 *
 * <pre>
 * ActorRef&lt;SyncSupervisor.Command&gt; sync = system.systemActorOf(SyncSupervisor.create(
 *     SyncSettings.fromConfig(config), SyncStore.of(historyStore), TimeSource.system()), "sync", Props.empty());
 * EthProtocol eth = EthProtocol.create(ethSettings, chain, new StoreChainReader(historyStore, genesis), worker,
 *     peer -&gt; sync.tell(new SyncSupervisor.PeerReady(new EthPeerLink(peer))));
 * </pre>
 */
public record Engine(SyncSettings settings, SyncStore store, TimeSource clock, Children children) {

    public Engine {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(children, "children");
    }

    /** Builds the writer; tests substitute one. */
    @FunctionalInterface
    public interface WriterFactory {
        Behavior<Writer.Command> create(
                SyncStore store, WriterSettings settings, Writer.Wiring wiring);
    }

    /** Builds the head tracker. */
    @FunctionalInterface
    public interface HeadTrackerFactory {
        Behavior<HeadTracker.Command> create(
                HeadSettings settings,
                SyncMode initialMode,
                SyncStore store,
                HeadTracker.Wiring wiring);
    }

    /** Builds a peer actor. */
    @FunctionalInterface
    public interface PeerFactory {
        Behavior<PeerActor.Command> create(
                PeerId id,
                PeerLink link,
                PeerActor.Wiring wiring,
                PeerSettings settings,
                TimeSource clock);
    }

    /** The factories of the supervisor's children. */
    public record Children(
            SyncSupervisor.SchedulerFactory scheduler,
            WriterFactory writer,
            HeadTrackerFactory headTracker,
            PeerFactory peer) {

        public static Children standard() {
            return new Children(
                    Scheduler::create, Writer::create, HeadTracker::create, PeerActor::create);
        }

        public Children withScheduler(SyncSupervisor.SchedulerFactory factory) {
            return new Children(factory, writer, headTracker, peer);
        }

        public Children withWriter(WriterFactory factory) {
            return new Children(scheduler, factory, headTracker, peer);
        }
    }
}
