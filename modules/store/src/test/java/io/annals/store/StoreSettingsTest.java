package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {
    @Test
    void referenceConfHoldsTheDefaults() {
        assertThat(StoreSettings.fromConfig(ConfigFactory.load()))
                .isEqualTo(StoreSettings.defaults());
    }

    @Test
    void overridesApply() {
        var config =
                ConfigFactory.parseString(
                                "annals.store { start-block = 15537394, sync-writes = false,"
                                        + " leveldb.write-buffer = 4 MiB, log-index.buckets = 64 }")
                        .withFallback(ConfigFactory.load());
        StoreSettings settings = StoreSettings.fromConfig(config);
        assertThat(settings.startBlock()).isEqualTo(15_537_394L);
        assertThat(settings.syncWrites()).isFalse();
        assertThat(settings.writeBufferBytes()).isEqualTo(4 << 20);
        assertThat(settings.logIndexBuckets()).isEqualTo(64);
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> StoreSettings.defaults().withLogIndexBuckets(100))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of two");
        assertThatThrownBy(() -> StoreSettings.defaults().withStartBlock(-1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
