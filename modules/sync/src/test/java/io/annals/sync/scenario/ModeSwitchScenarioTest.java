package io.annals.sync.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.sync.SyncSupervisor;
import io.annals.sync.TestSettings;
import io.annals.sync.model.PeerId;
import io.annals.sync.model.SyncMode;
import io.annals.sync.scheduler.SchedulerStats;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Historical → follow under the supervisor: nothing lost or duplicated, the follow cap applies. */
class ModeSwitchScenarioTest {

    private static final long BAD = 500;
    private static final int BLOCKS = 20_000;

    @Test
    void switchingToFollowKeepsTheQueuesAndAppliesTheFollowCap() {
        try (Simulation sim =
                Simulation.withSupervisor(TestSettings.sync(), Duration.ofMillis(300))) {
            long healAt = sim.now() + 150_000;
            ScriptedPeer.Script script =
                    (block, now) ->
                            block == BAD && now < healAt
                                    ? ScriptedPeer.Fate.FAIL
                                    : ScriptedPeer.Fate.DELIVER;
            for (int i = 0; i < 4; i++) {
                sim.addPeer(PeerId.of("p" + i), 100_000, script, Duration.ofMillis(400 + 100 * i));
            }
            sim.addRange(0, BLOCKS - 1);
            sim.advance(Duration.ofMillis(healAt - sim.now()), Duration.ofMillis(500));
            SchedulerStats before = sim.stats();
            assertThat(before.mode()).isEqualTo(SyncMode.HISTORICAL);
            // whether the failing block sits in the escalation queue or is being retried at this
            // instant
            // depends on where the peers' retry cycles stand; either way it is outstanding
            assertThat(sim.writerContents().persisted())
                    .as("block %s failed everywhere", BAD)
                    .doesNotContainKey(BAD);
            assertThat(before.escalation() + before.inflight()).isPositive();
            assertThat(before.inflight()).as("the switch happens mid-sync").isPositive();
            assertThat(before.queue()).isPositive();
            // every peer has failed the block many times: under historical settings its next try is
            // far off
            // (mid-batch in-flight blocks and a parked peer are part of what must survive the
            // switch)
            long outstandingBefore =
                    before.queue()
                            + before.inflight()
                            + before.escalation()
                            + before.awaitingDurability();
            assertThat(sim.switchMode(SyncMode.FOLLOW))
                    .isEqualTo(new SyncSupervisor.ModeSwitched(SyncMode.FOLLOW));
            SchedulerStats after = sim.stats();
            assertThat(after.mode()).isEqualTo(SyncMode.FOLLOW);
            assertThat(
                            after.queue()
                                    + after.inflight()
                                    + after.escalation()
                                    + after.awaitingDurability())
                    .as("nothing lost, nothing added")
                    .isEqualTo(outstandingBefore);
            assertThat(after.persisted()).isEqualTo(before.persisted());
            long switchedAt = sim.now();
            sim.advance(Duration.ofSeconds(8), Duration.ofMillis(100));
            FakeWriter.Contents contents = sim.writerContents();
            assertThat(contents.persisted()).containsKey(BAD);
            assertThat(contents.persistedAt().get(BAD) - switchedAt)
                    .as("retried within the follow cap, not 128 s")
                    .isLessThanOrEqualTo(5_000 + 1_000 + 300);
            sim.advance(Duration.ofSeconds(240), Duration.ofMillis(500));
            contents = sim.writerContents();
            assertThat(contents.persisted())
                    .hasSize(BLOCKS)
                    .allSatisfy((block, times) -> assertThat(times).isEqualTo(1));
            assertThat(contents.received())
                    .allSatisfy((block, times) -> assertThat(times).isEqualTo(1));
            assertThat(sim.stats().persisted()).isEqualTo(BLOCKS);
        }
    }
}
