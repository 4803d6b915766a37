package io.annals.cluster;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;

/**
 * When a host's shutdown is over, and why it ran.
 *
 * <p>The end is the actor system's termination or, if that never comes, the coordinated shutdown
 * having run its last phase. A downed host needs the second: Artery flushes to the hosts it can no
 * longer reach before it stops, that flush can outlast the {@code actor-system-terminate} phase,
 * and then the phase times out while the actor system stays up. Waiting for the termination alone
 * kept such a host running (its status line printing) instead of exiting.
 */
final class ShutdownEnd {
    private ShutdownEnd() {}

    /**
     * Completes once {@code system} terminated or its coordinated shutdown ran every phase (each
     * done or timed out), with the shutdown's reason (empty: the system ended without one).
     */
    static CompletionStage<Optional<CoordinatedShutdown.Reason>> of(ActorSystem<?> system) {
        CoordinatedShutdown shutdown = CoordinatedShutdown.get(Adapter.toClassic(system));
        CompletableFuture<Optional<CoordinatedShutdown.Reason>> end = new CompletableFuture<>();
        system.getWhenTerminated().thenRun(() -> end.complete(shutdown.getShutdownReason()));
        shutdown.addTask(
                CoordinatedShutdown.PhaseBeforeActorSystemTerminate(),
                "report-when-the-last-phase-ran",
                () -> {
                    // The shutdown has started, so run() starts nothing: it returns the running
                    // shutdown's completion, which comes after its last phase.
                    CoordinatedShutdown.Reason reason =
                            shutdown.getShutdownReason()
                                    .orElse(CoordinatedShutdown.unknownReason());
                    shutdown.run(reason, Optional.empty())
                            .thenRun(() -> end.complete(shutdown.getShutdownReason()));
                    return CompletableFuture.completedFuture(Done.getInstance());
                });
        return end;
    }
}
