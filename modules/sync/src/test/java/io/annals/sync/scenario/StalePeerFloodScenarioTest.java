package io.annals.sync.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.annals.sync.TestSettings;
import io.annals.sync.model.PeerId;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Two peers stuck on an old head and one healthy peer: the healthy one stays busy; the stale ones
 * are parked and woken once per stale-head cooldown to re-check their head — no ban and re-probe
 * spin, a bounded number of messages and log lines.
 */
class StalePeerFloodScenarioTest {

    @Test
    void stalePeersCostABoundedNumberOfMessages() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.annals.sync");
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        PeerId healthy = PeerId.of("healthy");
        PeerId stale1 = PeerId.of("stale-1");
        PeerId stale2 = PeerId.of("stale-2");
        try (Simulation sim =
                Simulation.withScheduler(TestSettings.historical(), Duration.ofMillis(100))) {
            sim.addPeer(
                    stale1, 50, (block, now) -> ScriptedPeer.Fate.DELIVER, Duration.ofMillis(100));
            sim.addPeer(
                    stale2, 50, (block, now) -> ScriptedPeer.Fate.DELIVER, Duration.ofMillis(100));
            sim.addPeer(
                    healthy,
                    1_000_000,
                    (block, now) -> ScriptedPeer.Fate.DELIVER,
                    Duration.ofSeconds(1));
            sim.addRange(100, 100_099);
            sim.advance(Duration.ofMinutes(10), Duration.ofSeconds(1));
            ScriptedPeer.State busy = sim.peer(healthy);
            long assignments = busy.assignments();
            // ~1 batch per virtual second over 600 s, each up to 128 blocks
            assertThat(assignments).isGreaterThanOrEqualTo(550);
            assertThat(sim.writer().persistedBlocks()).isGreaterThan(50_000);
            long cycles = 600 / TestSettings.historical().staleHeadCooldown().toSeconds(); // 20
            for (PeerId stale : new PeerId[] {stale1, stale2}) {
                ScriptedPeer.State state = sim.peer(stale);
                assertThat(state.assignments()).isZero();
                assertThat(state.recheckHeads()).isBetween(cycles - 1, cycles);
                // Start + per cycle (RecheckHead + NoWork) + the first NoWork
                assertThat(state.handled()).isLessThanOrEqualTo(2 + 2 * cycles);
            }
            long schedulerMessages = sim.stats().messagesHandled();
            // per healthy batch: its report, its next request and the writer's ack; per stale peer
            // and
            // cycle: one request and one timer; a few stall-check timers
            assertThat(schedulerMessages)
                    .isLessThanOrEqualTo(3 * assignments + 2 * 2 * cycles + 60);
            assertThat(logged.list)
                    .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                    .hasSizeLessThan(5);
        } finally {
            logger.detachAppender(logged);
        }
    }
}
