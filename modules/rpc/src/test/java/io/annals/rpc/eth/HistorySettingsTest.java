package io.annals.rpc.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The history methods' settings: reference.conf's defaults and refusal of values that cannot work.
 */
class HistorySettingsTest {

    @Test
    void defaultsAreThoseDocumentedInReferenceConf() {
        HistorySettings settings =
                HistorySettings.fromConfig(ConfigFactory.defaultReference().resolve());
        assertThat(settings.getLogs().maxBlockRange()).isEqualTo(10_000);
        assertThat(settings.getLogs().maxLogs()).isEqualTo(10_000);
        assertThat(settings.blockTags()).isEqualTo(new HistorySettings.BlockTags(32, 64));
        assertThat(settings.filters())
                .isEqualTo(new HistorySettings.Filters(256, Duration.ofMinutes(5), 64, 2_000));
        assertThat(settings.senderCacheSize()).isEqualTo(32_768);
    }

    @Test
    void impossibleValuesAreRefusedWithTheKeyNamed() {
        assertThatThrownBy(
                        () ->
                                load(
                                        "annals.rpc.block-tags { safe-depth = 70, finalized-depth = 64 }"))
                .hasMessageContaining("annals.rpc.block-tags");
        assertThatThrownBy(() -> load("annals.rpc.filters.max-filters = 0"))
                .hasMessageContaining("annals.rpc.filters.max-filters");
        assertThatThrownBy(() -> load("annals.rpc.filters.idle-timeout = 0s"))
                .hasMessageContaining("annals.rpc.filters.idle-timeout");
        assertThatThrownBy(() -> load("annals.rpc.sender-cache-size = -1"))
                .hasMessageContaining("annals.rpc.sender-cache-size");
    }

    private static HistorySettings load(String hocon) {
        return HistorySettings.fromConfig(
                ConfigFactory.parseString(hocon)
                        .withFallback(ConfigFactory.defaultReference())
                        .resolve());
    }
}
