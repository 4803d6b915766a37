package io.annals.core.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class ChainSpecConfigTest {
    private static final String DEVNET =
            """
            annals.chain {
              name = devnet
              network-id = 1337
              genesis-hash = "0x%s"
              genesis-timestamp = 1700000000
              merge { terminal-total-difficulty = "0", first-block = 0 }
              forks = [
                { name = homestead, block = 0 }, { name = tangerine-whistle, block = 0 }
                { name = spurious-dragon, block = 0 }, { name = byzantium, block = 0 }
                { name = constantinople, block = 0 }, { name = petersburg, block = 0 }
                { name = istanbul, block = 0 }, { name = berlin, block = 0 }, { name = london, block = 0 }
                { name = shanghai, timestamp = 1700000000 }, { name = cancun, timestamp = 1700000000 }
                { name = prague, timestamp = 1700000600 }
              ]
            }
            """
                    .formatted("11".repeat(32));

    @Test
    void aNameSelectsABuiltInChain() {
        assertThat(ChainSpecConfig.load(ConfigFactory.parseString("annals.chain = hoodi")))
                .isSameAs(Chains.HOODI);
        assertThat(ChainSpecConfig.load(ConfigFactory.parseString("annals.chain = MAINNET")))
                .isSameAs(Chains.MAINNET);
    }

    @Test
    void readsACustomChain() {
        ChainSpec devnet = ChainSpecConfig.load(ConfigFactory.parseString(DEVNET));
        assertThat(devnet.name()).isEqualTo("devnet");
        assertThat(devnet.networkId()).isEqualTo(1337);
        assertThat(devnet.chainId()).as("defaults to the network id").isEqualTo(1337);
        assertThat(devnet.genesisTimestamp()).isEqualTo(1_700_000_000L);
        assertThat(devnet.merge()).hasValue(new Merge(BigInteger.ZERO, 0));
        assertThat(devnet.forks()).hasSize(12);
        assertThat(devnet.isActive(Hardfork.PRAGUE, 5, 1_700_000_600L)).isTrue();
        // Shanghai and Cancun are at the genesis timestamp, so Prague is the first fork in the fork
        // id
        assertThat(devnet.forkIdAt(0, 1_700_000_000L).next()).isEqualTo(1_700_000_600L);
    }

    @Test
    void aCustomChainOverridesABuiltInName() {
        Config layered =
                ConfigFactory.parseString(DEVNET)
                        .withFallback(ConfigFactory.parseString("annals.chain = mainnet"));
        assertThat(ChainSpecConfig.load(layered).name()).isEqualTo("devnet");
    }

    @Test
    void readsBigTerminalDifficultiesAsStrings() {
        ChainSpec chain =
                ChainSpecConfig.load(
                        ConfigFactory.parseString(
                                DEVNET.replace(
                                        "terminal-total-difficulty = \"0\", first-block = 0",
                                        "terminal-total-difficulty = \"58750000000000000000000\", first-block = 15537394")));
        assertThat(chain.merge().orElseThrow().terminalTotalDifficulty())
                .isEqualTo(new BigInteger("58750000000000000000000"));
        // HOCON keeps an unquoted integer beyond 64 bits as text, which reads the same
        ChainSpec unquoted =
                ChainSpecConfig.load(
                        ConfigFactory.parseString(
                                DEVNET.replace(
                                        "terminal-total-difficulty = \"0\"",
                                        "terminal-total-difficulty = 58750000000000000000000")));
        assertThat(unquoted.merge().orElseThrow().terminalTotalDifficulty())
                .isEqualTo(new BigInteger("58750000000000000000000"));
        // but a floating-point number would have lost digits already
        assertThatThrownBy(
                        () ->
                                ChainSpecConfig.load(
                                        ConfigFactory.parseString(
                                                DEVNET.replace(
                                                        "terminal-total-difficulty = \"0\"",
                                                        "terminal-total-difficulty = 5.875e22"))))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("as a string");
        assertThatThrownBy(
                        () ->
                                ChainSpecConfig.load(
                                        ConfigFactory.parseString(
                                                DEVNET.replace(
                                                        "terminal-total-difficulty = \"0\"",
                                                        "terminal-total-difficulty = \"lots\""))))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("not a number");
    }

    @Test
    void rejectsAnUnknownBuiltInName() {
        assertThatThrownBy(
                        () ->
                                ChainSpecConfig.load(
                                        ConfigFactory.parseString("annals.chain = ropsten")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("unknown chain 'ropsten'")
                .hasMessageContaining("mainnet, sepolia, hoodi");
        assertThatThrownBy(() -> ChainSpecConfig.load(ConfigFactory.parseString("other = 1")))
                .isInstanceOf(ConfigException.Missing.class)
                .hasMessageContaining("annals.chain");
    }

    @Test
    void rejectsUnknownKeysNamingTheLine() {
        assertThatThrownBy(
                        () ->
                                load(
                                        DEVNET.replace(
                                                "network-id = 1337",
                                                "network-id = 1337\n  genesis_hash = 1")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("annals.chain.genesis_hash")
                .hasMessageContaining("unknown key")
                .hasMessageContaining("String: 4:");
    }

    @Test
    void rejectsAnUnknownForkListingTheKnownOnes() {
        assertThatThrownBy(() -> load(DEVNET.replace("name = prague", "name = pectra")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("annals.chain.forks[11].name")
                .hasMessageContaining("unknown fork 'pectra'")
                .hasMessageContaining("tangerine-whistle");
    }

    @Test
    void rejectsAnActivationOfTheWrongKind() {
        assertThatThrownBy(
                        () ->
                                load(
                                        DEVNET.replace(
                                                "{ name = london, block = 0 }",
                                                "{ name = london, timestamp = 0 }")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("london activates by block, not by timestamp");
        assertThatThrownBy(
                        () ->
                                load(
                                        DEVNET.replace(
                                                "{ name = london, block = 0 }",
                                                "{ name = london }")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("london needs its activation block");
    }

    @Test
    void rejectsImpossibleSchedulesWithTheChainsPath() {
        assertThatThrownBy(() -> load(DEVNET.replace("{ name = istanbul, block = 0 }, ", "")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("annals.chain")
                .hasMessageContaining("istanbul is not");
        assertThatThrownBy(
                        () ->
                                load(
                                        DEVNET.replace(
                                                "prague, timestamp = 1700000600",
                                                "prague, timestamp = 1")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("prague at timestamp 1 would activate before cancun");
    }

    @Test
    void rejectsBadValues() {
        assertThatThrownBy(
                        () -> load(DEVNET.replace("\"0x" + "11".repeat(32) + "\"", "\"0x1234\"")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("annals.chain.genesis-hash")
                .hasMessageContaining("32-byte hash");
        assertThatThrownBy(() -> load(DEVNET.replace("network-id = 1337", "network-id = -5")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("must be positive");
        assertThatThrownBy(() -> load(DEVNET.replace("network-id = 1337", "network-id = many")))
                .isInstanceOf(ConfigException.WrongType.class)
                .hasMessageContaining("annals.chain.network-id");
        assertThatThrownBy(() -> load(DEVNET.replace("network-id = 1337", "network-id = 1.5")))
                .isInstanceOf(ConfigException.WrongType.class)
                .hasMessageContaining("whole number");
        assertThatThrownBy(
                        () ->
                                load(
                                        "annals.chain { name = x, network-id = 1, genesis-hash = \"0x"
                                                + "11".repeat(32)
                                                + "\", forks = 5 }"))
                .isInstanceOf(ConfigException.WrongType.class)
                .hasMessageContaining("a list of forks");
        assertThatThrownBy(
                        () ->
                                load(
                                        DEVNET.replace(
                                                "merge { terminal-total-difficulty = \"0\", first-block = 0 }",
                                                "merge = true")))
                .isInstanceOf(ConfigException.WrongType.class)
                .hasMessageContaining("annals.chain.merge");
        assertThatThrownBy(() -> load(DEVNET.replace(", first-block = 0", "")))
                .isInstanceOf(ConfigException.Missing.class)
                .hasMessageContaining("annals.chain.merge.first-block");
        assertThatThrownBy(
                        () ->
                                load(
                                        DEVNET.replace(
                                                "{ name = berlin, block = 0 }",
                                                "{ name = berlin, block = -1 }")))
                .isInstanceOf(ConfigException.BadValue.class)
                .hasMessageContaining("must not be negative");
        assertThatThrownBy(() -> load(DEVNET.replace("network-id = 1337", "")))
                .isInstanceOf(ConfigException.Missing.class)
                .hasMessageContaining("annals.chain.network-id");
        assertThatThrownBy(
                        () -> load(DEVNET.replace("{ name = homestead, block = 0 }", "homestead")))
                .isInstanceOf(ConfigException.WrongType.class)
                .hasMessageContaining("annals.chain.forks[0]");
    }

    private static ChainSpec load(String hocon) {
        return ChainSpecConfig.load(ConfigFactory.parseString(hocon));
    }
}
