package io.annals.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/** A real actor system's coordinated shutdown, with and without an end to its termination. */
class ShutdownEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aSystemThatTerminatesEndsWithItsShutdownsReason() throws Exception {
        ActorSystem<Void> system = system(Behaviors.empty());
        var end = ShutdownEnd.of(system).toCompletableFuture();

        CoordinatedShutdown.get(Adapter.toClassic(system))
                .run(CoordinatedShutdown.clusterLeavingReason(), Optional.empty());

        assertThat(end.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .contains(CoordinatedShutdown.clusterLeavingReason());
        assertThat(system.whenTerminated().isCompleted()).isTrue();
    }

    @Test
    void aSystemThatNeverTerminatesEndsWhenItsLastPhaseTimedOut() throws Exception {
        // An actor that does not finish stopping holds the termination up, as Artery's flush to
        // unreachable hosts did on a downed host.
        CountDownLatch release = new CountDownLatch(1);
        ActorSystem<Void> system =
                system(
                        Behaviors.<Void>receive(Void.class)
                                .onSignal(
                                        PostStop.class,
                                        stop -> {
                                            release.await(1, TimeUnit.MINUTES);
                                            return Behaviors.same();
                                        })
                                .build());
        try {
            var end = ShutdownEnd.of(system).toCompletableFuture();

            CoordinatedShutdown.get(Adapter.toClassic(system))
                    .run(CoordinatedShutdown.clusterDowningReason(), Optional.empty());

            assertThat(end.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                    .contains(CoordinatedShutdown.clusterDowningReason());
            assertThat(system.whenTerminated().isCompleted())
                    .as("the termination is still held up")
                    .isFalse();
        } finally {
            release.countDown();
            system.getWhenTerminated()
                    .toCompletableFuture()
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    @Test
    void aSystemTerminatedWithoutAShutdownEndsWithoutAReason() throws Exception {
        ActorSystem<Void> system = system(Behaviors.empty());
        var end = ShutdownEnd.of(system).toCompletableFuture();

        system.terminate();

        // terminate() runs the coordinated shutdown with the "actor system terminate" reason
        assertThat(end.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .isPresent()
                .get()
                .isNotEqualTo(CoordinatedShutdown.clusterDowningReason());
    }

    private static ActorSystem<Void> system(Behavior<Void> guardian) {
        return ActorSystem.create(
                guardian,
                "shutdown-end",
                ConfigFactory.parseString(
                                """
                                pekko.coordinated-shutdown.phases.actor-system-terminate.timeout = 1s
                                pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                                pekko.coordinated-shutdown.exit-jvm = off
                                """)
                        .withFallback(ConfigFactory.load()));
    }
}
