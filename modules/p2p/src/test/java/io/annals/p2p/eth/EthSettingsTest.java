package io.annals.p2p.eth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EthSettingsTest {
    @Test
    void referenceDefaults() {
        EthSettings settings = EthSettings.defaults();
        assertThat(settings.versions()).containsExactlyInAnyOrder(68, 69, 70);
        assertThat(settings.statusTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.maxHeadersServed()).isEqualTo(1024);
        assertThat(settings.softResponseSize()).isEqualTo(2 * 1024 * 1024);
        assertThat(settings.receiptsMessageSize()).isEqualTo(2 * 1024 * 1024);
        assertThat(settings.rangeUpdateInterval()).isEqualTo(32);
    }

    @Test
    void overridesAndRefusals() {
        assertThat(EthNode.settings("versions = [68]").versions()).isEqualTo(Set.of(68));
        assertThatThrownBy(() -> EthNode.settings("versions = [66, 68]"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("subset");
        assertThatThrownBy(() -> EthNode.settings("versions = []"))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> EthNode.settings("max-outstanding-requests = 0"))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> EthNode.settings("receipts-message-size = 100"))
                .isInstanceOf(ConfigException.class);
    }
}
