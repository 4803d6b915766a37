package io.annals.sync.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.BlockRange;
import io.annals.sync.TestSettings;
import io.annals.sync.model.PeerId;
import io.annals.sync.scheduler.Scheduler;
import java.time.Duration;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.Test;

/**
 * A scheduler that crashes is replaced from the outstanding ranges, and peers are told to ask
 * again.
 */
class SchedulerCrashScenarioTest {

    /** Withdrawing this made-up range crashes the scheduler it reaches. */
    private static final BlockRange POISON = BlockRange.of(7_777_777, 7_777_777);

    @Test
    void theSupervisorRebuildsACrashedSchedulerAndNothingIsLost() {
        try (Simulation sim =
                Simulation.withSupervisor(
                        TestSettings.sync(),
                        Duration.ofMillis(200),
                        (settings, env, predecessor) ->
                                crashOnPoison(Scheduler.create(settings, env, predecessor)))) {
            for (int i = 0; i < 3; i++) {
                sim.addPeer(
                        PeerId.of("p" + i),
                        100_000,
                        (block, now) -> ScriptedPeer.Fate.DELIVER,
                        Duration.ofMillis(500));
            }
            sim.addRange(0, 2_999);
            sim.advance(Duration.ofSeconds(3), Duration.ofMillis(250));
            long persistedBefore = sim.writer().persistedBlocks();
            assertThat(persistedBefore).isPositive().isLessThan(3_000);
            sim.scheduler.tell(new Scheduler.WithdrawRange(POISON));
            sim.settle();
            sim.advance(Duration.ofSeconds(120), Duration.ofMillis(500));
            FakeWriter.Contents contents = sim.writerContents();
            assertThat(contents.persisted().keySet())
                    .containsExactlyInAnyOrderElementsOf(BlockRange.of(0, 2_999).blocks());
            assertThat(sim.peers())
                    .allSatisfy(peer -> assertThat(peer.recheckHeads()).isEqualTo(1));
            assertThat(sim.stats().queue() + sim.stats().inflight() + sim.stats().escalation())
                    .isZero();
        }
    }

    private static Behavior<Scheduler.Command> crashOnPoison(
            Behavior<Scheduler.Command> scheduler) {
        return Behaviors.intercept(
                () ->
                        new BehaviorInterceptor<Scheduler.Command, Scheduler.Command>(
                                Scheduler.Command.class) {
                            @Override
                            public Behavior<Scheduler.Command> aroundReceive(
                                    TypedActorContext<Scheduler.Command> context,
                                    Scheduler.Command message,
                                    ReceiveTarget<Scheduler.Command> target) {
                                if (message instanceof Scheduler.WithdrawRange withdraw
                                        && withdraw.range().equals(POISON)) {
                                    throw new IllegalStateException("injected scheduler crash");
                                }
                                return target.apply(context, message);
                            }
                        },
                scheduler);
    }
}
