package io.annals.sync.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.sync.model.PeerId;
import org.junit.jupiter.api.Test;

class PeerHealthTest {

    private static PeerHealth peer() {
        return new PeerHealth(PeerId.of("p"), 1_000, 32, 128, 500, 60_000);
    }

    @Test
    void growsByOneBlockAfterFiveFullAnswersInARow() {
        PeerHealth health = peer();
        for (int i = 0; i < 4; i++) {
            health.recordSuccess();
        }
        assertThat(health.batchSize()).isEqualTo(32);
        health.recordSuccess();
        assertThat(health.batchSize()).isEqualTo(33);
        for (int i = 0; i < 5 * 200; i++) {
            health.recordSuccess();
        }
        assertThat(health.batchSize()).as("bounded by blocks-per-assignment").isEqualTo(128);
    }

    @Test
    void shrinksOnPartialAndFailedAnswersButNeverBelowOne() {
        PeerHealth health = peer();
        health.recordPartial(0.5);
        assertThat(health.batchSize()).isEqualTo(22); // 32 × 0.7 = 22.4
        health.recordFailure(0);
        assertThat(health.batchSize()).isEqualTo(11); // 22.4 × 0.5 = 11.2
        for (int i = 0; i < 20; i++) {
            health.recordFailure(0);
        }
        assertThat(health.batchSize()).isEqualTo(1);
    }

    @Test
    void consecutiveFailuresBackOffDoublingToTheCapAndASuccessResets() {
        PeerHealth health = peer();
        long[] expected = {500, 1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000};
        for (long delay : expected) {
            health.recordFailure(10_000);
            assertThat(health.backoffUntilMillis()).isEqualTo(10_000 + delay);
        }
        assertThat(health.inBackoff(69_999)).isTrue();
        health.recordSuccess();
        assertThat(health.consecutiveFailures()).isZero();
        health.recordFailure(100_000);
        assertThat(health.backoffUntilMillis()).isEqualTo(100_500);
    }

    @Test
    void qualityFallsWithFailuresAndRisesWithSuccesses() {
        PeerHealth health = peer();
        double start = health.quality();
        health.recordFailure(0);
        assertThat(health.quality()).isLessThan(start);
        double low = health.quality();
        health.recordSuccess();
        assertThat(health.quality()).isGreaterThan(low);
    }

    @Test
    void aHeadThatMovesUpEndsTheStaleCooldown() {
        PeerHealth health = peer();
        health.markStale(30_000);
        health.updateHead(1_000);
        assertThat(health.staleUntilMillis()).isEqualTo(30_000);
        health.updateHead(1_001);
        assertThat(health.staleUntilMillis()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void restoringUnderFollowSettingsAppliesItsBounds() {
        PeerHealth health = peer();
        for (int i = 0; i < 5 * 100; i++) {
            health.recordSuccess();
        }
        assertThat(health.batchSize()).isEqualTo(128);
        PeerHealth wide = PeerHealth.restore(health.snapshot(), 32, 500, 5_000, 12_000, 1_000);
        assertThat(wide.batchSize()).isEqualTo(32);
        for (int i = 0; i < 10; i++) {
            health.recordFailure(0);
        }
        assertThat(health.backoffUntilMillis()).isEqualTo(60_000);
        PeerHealth backedOff = PeerHealth.restore(health.snapshot(), 32, 500, 5_000, 12_000, 1_000);
        assertThat(backedOff.backoffUntilMillis()).isEqualTo(6_000);
        assertThat(backedOff.consecutiveFailures()).isEqualTo(10);
    }
}
