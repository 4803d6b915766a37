package io.annals.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import io.annals.sync.ledger.SchedulerSettings;
import io.annals.sync.model.SyncMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SchedulerSettingsTest {

    @Test
    void referenceConfHasOneSectionPerMode() {
        SyncSettings sync = TestSettings.sync();
        assertThat(sync.initialMode()).isEqualTo(SyncMode.HISTORICAL);
        SchedulerSettings historical = sync.historical();
        assertThat(historical.mode()).isEqualTo(SyncMode.HISTORICAL);
        assertThat(historical.blocksPerAssignment()).isEqualTo(128);
        assertThat(historical.initialBatchSize()).isEqualTo(32);
        assertThat(historical.maxAttemptsPerBlock()).isEqualTo(5);
        assertThat(historical.shardSize()).isEqualTo(10_000);
        assertThat(historical.blockBackoffInitial()).isEqualTo(Duration.ofMillis(500));
        assertThat(historical.maxBlockBackoff()).isEqualTo(Duration.ofSeconds(128));
        assertThat(historical.notYetAvailableDepth()).isZero();
        assertThat(historical.stallThreshold()).isEqualTo(Duration.ofSeconds(30));
        SchedulerSettings follow = sync.follow();
        assertThat(follow.mode()).isEqualTo(SyncMode.FOLLOW);
        assertThat(follow.blocksPerAssignment()).isEqualTo(32);
        assertThat(follow.maxBlockBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(follow.peerBackoffMax()).isLessThanOrEqualTo(follow.maxBlockBackoff());
        assertThat(follow.stallThreshold()).isEqualTo(Duration.ofSeconds(10));
        assertThat(follow.livenessBound()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anOperatorOverrideIsRead() {
        SyncSettings sync =
                SyncSettings.fromConfig(
                        ConfigFactory.parseString(
                                        "annals.sync { mode = follow, follow.max-block-backoff = 8s, follow.peer-backoff-max = 8s }")
                                .withFallback(ConfigFactory.load()));
        assertThat(sync.initialMode()).isEqualTo(SyncMode.FOLLOW);
        assertThat(sync.follow().maxBlockBackoff()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void delaysThatWouldOutlastTheCapAreRejected() {
        assertThatThrownBy(
                        () ->
                                SyncSettings.fromConfig(
                                        ConfigFactory.parseString(
                                                        "annals.sync.follow.peer-backoff-max = 30s")
                                                .withFallback(ConfigFactory.load())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("peer-backoff-max");
        assertThatThrownBy(
                        () ->
                                SyncSettings.fromConfig(
                                        ConfigFactory.parseString(
                                                        "annals.sync.follow.not-yet-available-retry = 6s")
                                                .withFallback(ConfigFactory.load())))
                .hasMessageContaining("not-yet-available-retry");
        assertThatThrownBy(
                        () ->
                                SyncSettings.fromConfig(
                                        ConfigFactory.parseString("annals.sync.mode = sideways")
                                                .withFallback(ConfigFactory.load())))
                .hasMessageContaining("historical or follow");
        assertThatThrownBy(
                        () ->
                                SyncSettings.fromConfig(
                                        ConfigFactory.parseString(
                                                        "annals.sync.historical.initial-batch-size = 500")
                                                .withFallback(ConfigFactory.load())))
                .hasMessageContaining("initial-batch-size");
    }
}
