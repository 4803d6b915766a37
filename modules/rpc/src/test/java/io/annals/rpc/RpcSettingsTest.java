package io.annals.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RpcSettingsTest {

    @Test
    void referenceDefaults() {
        RpcSettings settings = RpcSettings.fromConfig(ConfigFactory.defaultReference());
        assertThat(settings.enabled()).isTrue();
        assertThat(settings.host()).isEqualTo("127.0.0.1");
        assertThat(settings.port()).isEqualTo(8545);
        assertThat(settings.corsOrigins()).isEmpty();
        assertThat(settings.maxRequestSize()).isEqualTo(5 * 1024 * 1024);
        assertThat(settings.maxBatchSize()).isEqualTo(1000);
        assertThat(settings.maxResponseSize()).isEqualTo(25L * 1024 * 1024);
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.blockingQueueSize()).isGreaterThanOrEqualTo(settings.maxBatchSize());
        assertThat(settings.getLogs())
                .isEqualTo(new RpcSettings.GetLogsLimits(10_000, 10_000, 1000));
    }

    @Test
    void operatorValuesWin() {
        RpcSettings settings =
                RpcSettings.fromConfig(
                        config(
                                "annals.rpc { port = 0, cors-origins = [\"*\"], max-request-size = 64 KiB, request-timeout = 2s,"
                                        + " get-logs.max-block-range = 500 }"));
        assertThat(settings.port()).isZero();
        assertThat(settings.corsOrigins()).isEqualTo(List.of("*"));
        assertThat(settings.maxRequestSize()).isEqualTo(64 * 1024);
        assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.getLogs().maxBlockRange()).isEqualTo(500);
    }

    @Test
    void invalidValuesNameTheirKey() {
        assertThatThrownBy(() -> RpcSettings.fromConfig(config("annals.rpc.port = 70000")))
                .hasMessageContaining("annals.rpc.port");
        assertThatThrownBy(() -> RpcSettings.fromConfig(config("annals.rpc.max-batch-size = 0")))
                .hasMessageContaining("annals.rpc.max-batch-size");
        assertThatThrownBy(
                        () -> RpcSettings.fromConfig(config("annals.rpc.max-request-size = 3 GiB")))
                .hasMessageContaining("annals.rpc.max-request-size");
        assertThatThrownBy(
                        () -> RpcSettings.fromConfig(config("annals.rpc.get-logs.max-logs = -1")))
                .hasMessageContaining("annals.rpc.get-logs.max-logs");
    }

    private static Config config(String hocon) {
        return ConfigFactory.parseString(hocon)
                .withFallback(ConfigFactory.defaultReference())
                .resolve();
    }
}
