package io.annals.sync.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.sync.TestSettings;
import io.annals.sync.model.PeerId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** An engine with nothing to do exchanges no messages: no polling, no stall timer. */
class IdleScenarioTest {

    @Test
    void tenIdleMinutesCostAHandfulOfMessages() {
        try (Simulation sim =
                Simulation.withScheduler(TestSettings.follow(), Duration.ofMillis(200))) {
            for (String id : new String[] {"a", "b", "c"}) {
                sim.addPeer(
                        PeerId.of(id),
                        1_000,
                        (block, now) -> ScriptedPeer.Fate.DELIVER,
                        Duration.ofMillis(100));
            }
            long afterStart = sim.stats().messagesHandled();
            sim.advance(Duration.ofMinutes(10), Duration.ofSeconds(1));
            assertThat(afterStart).as("three work requests").isEqualTo(3);
            assertThat(sim.stats().messagesHandled())
                    .as("nothing in ten minutes")
                    .isEqualTo(afterStart);
            assertThat(sim.peers())
                    .allSatisfy(
                            peer -> assertThat(peer.handled()).as("Start and NoWork").isEqualTo(2));
            assertThat(sim.stats().peersParked()).isEqualTo(3);
            assertThat(sim.writer().handled()).isZero();
            // and work still reaches the parked peers at once
            sim.addRange(0, 9);
            sim.advance(Duration.ofSeconds(1), Duration.ofMillis(100));
            assertThat(sim.writer().persistedBlocks()).isEqualTo(10);
        }
    }
}
