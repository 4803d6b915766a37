package io.annals.sync.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.BlockRange;
import io.annals.sync.TestSettings;
import io.annals.sync.model.PeerId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The lowest pending block keeps failing at the only peer; the peer still gets the rest. */
class HeadOfLineScenarioTest {

    @Test
    void aFailingLowestBlockDoesNotStarveThePeer() {
        PeerId a = PeerId.of("a");
        try (Simulation sim =
                Simulation.withScheduler(TestSettings.historical(), Duration.ofMillis(100))) {
            sim.addPeer(
                    a,
                    10_000,
                    (block, now) ->
                            block == 100 ? ScriptedPeer.Fate.FAIL : ScriptedPeer.Fate.DELIVER,
                    Duration.ofMillis(200));
            sim.addRange(100, 1_099);
            sim.advance(Duration.ofMinutes(2), Duration.ofMillis(200));
            FakeWriter.Contents contents = sim.writerContents();
            assertThat(contents.persisted())
                    .hasSize(999)
                    .doesNotContainKey(100L)
                    .allSatisfy((block, times) -> assertThat(times).isEqualTo(1));
            ScriptedPeer.State state = sim.peer(a);
            long withoutBlock100 =
                    state.batches().stream().filter(batch -> !batch.contains(100)).count();
            long with100 = state.batches().stream().filter(batch -> batch.contains(100)).count();
            assertThat(withoutBlock100)
                    .as("batches past the failing block")
                    .isGreaterThanOrEqualTo(10);
            assertThat(with100)
                    .as("block 100 is still retried, within its cooldown")
                    .isGreaterThan(3);
            assertThat(state.batches())
                    .filteredOn(batch -> batch.contains(100) && batch.size() > 1)
                    .hasSizeLessThanOrEqualTo(1);
            assertThat(sim.stats().escalation()).isEqualTo(1);
            assertThat(state.batches().get(1).first())
                    .as("the second batch starts past the failed block")
                    .isGreaterThan(100);
            assertThat(BlockRange.of(100, 100).contains(100)).isTrue();
        }
    }
}
