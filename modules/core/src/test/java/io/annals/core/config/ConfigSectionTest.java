package io.annals.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** The typed reads: each refusal is a {@link ConfigException} naming the full key. */
class ConfigSectionTest {
    private static ConfigSection section(String text) {
        return ConfigSection.at(ConfigFactory.parseString("annals.x { " + text + " }"), "annals.x");
    }

    @Test
    void aNumberBeyondSixtyFourBitsIsARangeErrorNotACrash() {
        // found by ChainSpecConfigFuzzTest: a fork block of 27 digits threw NumberFormatException
        ConfigSection s = section("block = 888888888888888888888888885");

        assertThatThrownBy(() -> s.wholeNumber("block", 0, Long.MAX_VALUE))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("annals.x.block")
                .hasMessageContaining("888888888888888888888888885");
        assertThatThrownBy(() -> s.notNegative("block")).isInstanceOf(ConfigException.class);
    }

    @Test
    void wholeNumbersSizesAndRanges() {
        ConfigSection s = section("n = 7, text = \"12\", half = 1.5, size = 16 MiB");

        assertThat(s.wholeNumber("n", 0, 10)).isEqualTo(7);
        assertThat(s.wholeNumber("text", 0, 100)).isEqualTo(12);
        assertThat(s.bytes("size", 0, Long.MAX_VALUE)).isEqualTo(16L << 20);
        assertThatThrownBy(() -> s.wholeNumber("half", 0, 10)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> s.wholeNumber("n", 8, 10))
                .hasMessageContaining("annals.x.n")
                .hasMessageContaining("must be within 8..10, got 7");
    }

    @Test
    void aConstructorsRefusalPointsAtTheKeyItNames() {
        ConfigSection s = section("port = 70000");

        assertThatThrownBy(
                        () ->
                                s.build(
                                        () -> {
                                            throw new IllegalArgumentException(
                                                    "port must be 0..65535, got 70000");
                                        }))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("String: 1")
                .hasMessageContaining("annals.x.port")
                .hasMessageContaining("must be 0..65535, got 70000");
    }
}
