package io.annals.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The schema is the reference configuration: every key it defines is valid, everything else under
 * {@code annals} is refused with its origin and the nearest key, and the subtrees another reader
 * owns (leaves of the reference, open sections) are left to it.
 */
class ConfigSchemaTest {
    private static final Config REFERENCE =
            ConfigFactory.parseString(
                            """
                            annals.config.open-sections = ["annals.chain", "annals.sync.dispatcher"]
                            annals.sync {
                              historical { max-block-backoff = 128s, shard-size = 10000 }
                              follow { max-block-backoff = 5s, shard-size = 10000 }
                              checkpoints = []
                              dispatcher { type = Dispatcher }
                            }
                            annals.rpc { port = 8545, host = "127.0.0.1" }
                            annals.node { end-block = null, network = mainnet }
                            """)
                    .resolve();
    private static final ConfigSchema SCHEMA = ConfigSchema.of(REFERENCE);

    private static Config file(String text) {
        return ConfigFactory.parseString(
                text, ConfigParseOptions.defaults().setOriginDescription("op.conf"));
    }

    @Test
    void everyKeyOfTheReferenceIsValid() {
        Config config =
                file("""
                                annals.sync.follow.max-block-backoff = 2s
                                annals.rpc.port = 0
                                annals.node.end-block = 5
                                """)
                        .withFallback(REFERENCE)
                        .resolve();

        assertThat(SCHEMA.unknownKeys(config)).isEmpty();
        assertThat(SCHEMA.check(config)).isSameAs(config);
    }

    @Test
    void aTypoIsRefusedWithFileLineAndTheSiblingItMeant() {
        Config config =
                file("""
                                annals.sync.follow {
                                  max-block-backof = 500s
                                }
                                annals.rpc.prot = 9999
                                """)
                        .withFallback(REFERENCE)
                        .resolve();

        assertThatThrownBy(() -> SCHEMA.check(config))
                .isInstanceOf(UnknownKeysException.class)
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("2 unknown configuration keys")
                .hasMessageContaining(
                        "op.conf: 2: annals.sync.follow.max-block-backof is not a configuration"
                                + " key; did you mean max-block-backoff?")
                .hasMessageContaining(
                        "op.conf: 4: annals.rpc.prot is not a configuration key; did you mean"
                                + " port?");
    }

    @Test
    void aKeyInTheWrongSectionGetsTheFullPathOfTheRightOne() {
        var unknown =
                SCHEMA.unknownKeys(
                        file("annals.sync.max-block-backoff = 5s").withFallback(REFERENCE));

        assertThat(unknown).hasSize(1);
        assertThat(unknown.get(0).suggestion())
                .hasValueSatisfying(
                        s ->
                                assertThat(s)
                                        .endsWith(".max-block-backoff")
                                        .startsWith("annals.sync."));
    }

    @Test
    void aKeyFarFromEveryKnownOneGetsNoSuggestion() {
        var unknown = SCHEMA.unknownKeys(file("annals.rpc.completely-unrelated-thing = 1"));

        assertThat(unknown).singleElement().satisfies(k -> assertThat(k.suggestion()).isEmpty());
    }

    @Test
    void anUnknownSectionIsOneErrorAtTheSection() {
        var unknown = SCHEMA.unknownKeys(file("annals.rcp { port = 1, host = x }"));

        assertThat(unknown)
                .singleElement()
                .satisfies(
                        k -> {
                            assertThat(k.path()).isEqualTo("annals.rcp");
                            assertThat(k.suggestion()).isEqualTo(Optional.of("rpc"));
                        });
    }

    @Test
    void subtreesOtherReadersOwnAreLeftToThem() {
        Config config =
                file(
                        """
                        annals.chain { name = devnet, anything = 1 }
                        annals.sync.dispatcher { executor = "fork-join-executor" }
                        annals.sync.checkpoints = [ { number = 1, hash = "0x00" } ]
                        pekko.actor.typo = 1
                        logger.whatever = 2
                        """);

        assertThat(SCHEMA.unknownKeys(config)).isEmpty();
    }

    @Test
    void commandLineOverridesNameTheirOrigin() {
        Config flags = ConfigFactory.parseMap(Map.of("annals.rpc.portt", 1), "command line");

        assertThatThrownBy(() -> SCHEMA.check(flags))
                .hasMessageContaining("command line: annals.rpc.portt is not a configuration key")
                .hasMessageContaining("did you mean port?");
    }

    @Test
    void oneSectionAloneCanBeChecked() {
        Config config = file("annals.rpc.prot = 1\nannals.other.key = 2").withFallback(REFERENCE);

        assertThatThrownBy(() -> SCHEMA.check(config, "annals.rpc"))
                .hasMessageContaining("annals.rpc.prot")
                .hasMessageNotContaining("annals.other");
        assertThat(SCHEMA.check(file("annals.other.key = 2"), "annals.rpc")).isNotNull();
    }

    @Test
    void theModulesOpenSectionsAddUpAcrossReferenceFiles() {
        // core's reference.conf adds annals.chain with +=; another module's file may add more
        assertThat(ConfigFactory.defaultReference().getStringList(ConfigSchema.OPEN_SECTIONS))
                .contains("annals.chain");
        assertThat(ConfigSchema.fromClassPath().unknownKeys(file("annals.chain = mainnet")))
                .isEmpty();
    }

    @Test
    void distanceCountsASwapOnce() {
        assertThat(NearestKey.distance("prot", "port")).isEqualTo(1);
        assertThat(NearestKey.distance("max-block-backof", "max-block-backoff")).isEqualTo(1);
        assertThat(NearestKey.distance("", "abc")).isEqualTo(3);
    }
}
