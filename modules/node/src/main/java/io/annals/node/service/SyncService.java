package io.annals.node.service;

import com.typesafe.config.Config;
import io.annals.sync.SyncChildren;
import io.annals.sync.SyncSettings;
import io.annals.sync.SyncStats;
import io.annals.sync.SyncSupervisor;
import io.annals.sync.link.PeerLink;
import io.annals.sync.mailbox.MailboxDepths;
import io.annals.sync.model.TimeSource;
import io.annals.sync.write.RollbackListener;
import io.annals.sync.write.SyncStore;
import io.annals.sync.write.Writer;
import java.time.Duration;
import java.util.SortedMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actor system and the sync engine in it (the {@link SyncSupervisor} with its scheduler, peer
 * actors, writer and head tracker over the store). The rest of the node talks to it through this
 * class only: peers in, stats out.
 */
final class SyncService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);

    /**
     * The supervisor collects its children's stats within 3 s; this leaves room for a busy mailbox.
     */
    private static final Duration STATS_TIMEOUT = Duration.ofSeconds(5);

    private final ActorSystem<Void> system;
    private final ActorRef<SyncSupervisor.Command> supervisor;
    private final Duration terminationTimeout;

    private SyncService(
            ActorSystem<Void> system,
            ActorRef<SyncSupervisor.Command> supervisor,
            Duration terminationTimeout) {
        this.system = system;
        this.supervisor = supervisor;
        this.terminationTimeout = terminationTimeout;
    }

    static SyncService start(Config config, SyncStore store, Duration terminationTimeout) {
        return start(config, SyncChildren.standard(store), terminationTimeout);
    }

    /**
     * @param children the engine's children: {@code SyncChildren.standard} on a single host, {@code
     *     SyncChildren.externalTarget} on a cluster host (the cluster gives it its ranges)
     */
    static SyncService start(Config config, SyncChildren children, Duration terminationTimeout) {
        SyncSettings settings = SyncSettings.fromConfig(config);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "annals", config);
        ActorRef<SyncSupervisor.Command> supervisor =
                system.systemActorOf(
                        SyncSupervisor.create(settings, TimeSource.system(), children),
                        "sync",
                        Props.empty());
        LOG.info(
                "sync engine started in {} mode (max block backoff: historical {}, follow {})",
                settings.initialMode().configSection(),
                settings.historical().maxBlockBackoff(),
                settings.follow().maxBlockBackoff());
        return new SyncService(system, supervisor, terminationTimeout);
    }

    /** The actor system the engine (and, on a cluster host, the cluster) runs in. */
    ActorSystem<Void> system() {
        return system;
    }

    /** The engine's supervisor, for the cluster's range keeper and tip. */
    ActorRef<SyncSupervisor.Command> supervisor() {
        return supervisor;
    }

    /** Hands a ready peer session to the engine; safe from any thread, never blocks. */
    void peerReady(PeerLink link) {
        supervisor.tell(new SyncSupervisor.PeerReady(link));
    }

    /**
     * Calls {@code listener} after every rollback of the store from now on (see {@link
     * RollbackListener}).
     */
    void subscribeRollbacks(RollbackListener listener) {
        supervisor.tell(new SyncSupervisor.SubscribeRollbacks(listener));
    }

    /**
     * Stops taking peers, stops the live ones and completes once the writer has written what they
     * delivered (or with the writer's failure), within {@code timeout}.
     */
    CompletionStage<Writer.Drained> drain(Duration timeout) {
        return AskPattern.ask(supervisor, SyncSupervisor.Drain::new, timeout, system.scheduler());
    }

    /** The engine's figures, asked of the supervisor. */
    CompletionStage<SyncStats> stats() {
        return AskPattern.ask(
                supervisor, SyncSupervisor.GetSyncStats::new, STATS_TIMEOUT, system.scheduler());
    }

    /** Queue depth of every metered mailbox (scheduler, writer), by actor path. */
    SortedMap<String, Integer> mailboxDepths() {
        return MailboxDepths.get(system).depths();
    }

    @Override
    public void close() {
        system.terminate();
        try {
            system.getWhenTerminated()
                    .toCompletableFuture()
                    .get(terminationTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (TimeoutException e) {
            LOG.warn("the actor system did not stop within {}", terminationTimeout);
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("the actor system stopped with an error", e.getCause());
        }
    }
}
