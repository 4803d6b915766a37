package io.annals.sync;

import io.annals.sync.head.HeadTracker;
import io.annals.sync.mailbox.MeteredMailbox;
import io.annals.sync.peer.PeerActor;
import io.annals.sync.peer.PeerLink;
import io.annals.sync.write.Writer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.MailboxSelector;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The supervisor's children besides the scheduler, and their bookkeeping: the writer, the head
 * tracker and one peer actor per live peer. Runs inside the supervisor (its context, its thread); a
 * part of the supervisor kept in its own file, not an actor.
 */
final class EngineChildren {

    static final String WRITER_NAME = "writer";

    private final ActorContext<SyncSupervisor.Command> context;
    private final Engine engine;
    private final ActorRef<Scheduler.Command> gateway;
    private final Function<PeerId, SyncSupervisor.Command> peerStopped;
    private final ActorRef<HeadTracker.Command> headTracker;
    private final ActorRef<Writer.Command> writer;
    private final Map<PeerId, ActorRef<PeerActor.Command>> peers = new HashMap<>();
    private long peersStarted;
    private Optional<String> failure = Optional.empty();

    EngineChildren(
            ActorContext<SyncSupervisor.Command> context,
            Engine engine,
            ActorRef<Scheduler.Command> gateway,
            ActorRef<Writer.Failed> writerFailures,
            Outlets outlets,
            Function<String, SyncSupervisor.Command> writerStopped,
            Function<PeerId, SyncSupervisor.Command> peerStopped) {
        this.context = context;
        this.engine = engine;
        this.gateway = gateway;
        this.peerStopped = peerStopped;
        SyncSettings settings = engine.settings();
        // a crashed head tracker re-reads the store and re-adds what is missing: restarting it is
        // safe
        this.headTracker =
                context.spawn(
                        Behaviors.supervise(
                                        engine.children()
                                                .headTracker()
                                                .create(
                                                        settings.head(),
                                                        settings.initialMode(),
                                                        engine.store(),
                                                        new HeadTracker.Wiring(
                                                                gateway,
                                                                outlets.targetReached(),
                                                                outlets.writerGateway(),
                                                                outlets.mustStop())))
                                .onFailure(
                                        SupervisorStrategy.restartWithBackoff(
                                                Duration.ofSeconds(1),
                                                Duration.ofSeconds(30),
                                                0.2)),
                        "head-tracker");
        // a writer that stopped took its queue with it: that ends sync, as a store failure does
        this.writer =
                context.spawn(
                        engine.children()
                                .writer()
                                .create(
                                        engine.store(),
                                        settings.writer(),
                                        new Writer.Wiring(gateway, headTracker, writerFailures)),
                        WRITER_NAME,
                        MailboxSelector.fromConfig(MeteredMailbox.CONFIG_PATH));
        context.watchWith(writer, writerStopped.apply("the writer stopped"));
    }

    /**
     * Where the head tracker sends through the supervisor: the target reached, the writer (spawned
     * after the tracker, so reached through a forwarding adapter) and a reorg too deep to follow.
     */
    record Outlets(
            ActorRef<HeadTracker.HistoricalTargetReached> targetReached,
            ActorRef<Writer.Command> writerGateway,
            ActorRef<HeadTracker.SyncMustStop> mustStop) {}

    ActorRef<Writer.Command> writer() {
        return writer;
    }

    ActorRef<HeadTracker.Command> headTracker() {
        return headTracker;
    }

    int peerCount() {
        return peers.size();
    }

    Optional<String> failure() {
        return failure;
    }

    void startPeer(PeerLink link) {
        if (failure.isPresent()) {
            context.getLog().info("peer {} not used: sync stopped ({})", link.id(), failure.get());
            return;
        }
        PeerId id = uniqueId(link.id());
        ActorRef<PeerActor.Command> actor =
                context.spawn(
                        engine.children()
                                .peer()
                                .create(
                                        id,
                                        link,
                                        new PeerActor.Wiring(gateway, writer, headTracker),
                                        engine.settings().peer(),
                                        engine.clock()),
                        "peer-" + ++peersStarted);
        context.watchWith(actor, peerStopped.apply(id));
        peers.put(id, actor);
        context.getLog().debug("peer {} ready ({} peers)", id, peers.size());
    }

    void peerStopped(PeerId id) {
        peers.remove(id);
    }

    /**
     * A store failure or a reorg too deep to follow: stop every peer, add no more ranges, refuse
     * new peers; keep the error. The cause was logged where it was found.
     */
    void stopSync(String reason) {
        if (failure.isPresent()) {
            return;
        }
        failure = Optional.of(reason);
        context.getLog().info("stopping {} peers: sync stopped", peers.size());
        peers.values().forEach(context::stop);
        headTracker.tell(new HeadTracker.Halt());
        writer.tell(new Writer.Halt(reason));
    }

    /**
     * The link's own id, made unique among live peers (a node may reconnect before its old session
     * ends).
     */
    private PeerId uniqueId(String base) {
        PeerId candidate = PeerId.of(base);
        for (int n = 2; peers.containsKey(candidate); n++) {
            candidate = PeerId.of(base + "-" + n);
        }
        return candidate;
    }
}
