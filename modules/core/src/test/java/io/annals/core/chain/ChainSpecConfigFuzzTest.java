package io.annals.core.chain;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.annals.core.testing.FuzzContract;
import java.nio.charset.StandardCharsets;

/**
 * A chain spec in HOCON, as an operator (or {@code scripts/devnet}'s output) writes it: any text
 * either gives a chain spec or fails with a {@link ConfigException} (which names the key), never
 * with anything else. The text is parsed by Typesafe Config first, so its parser is fuzzed as well.
 */
class ChainSpecConfigFuzzTest {
    private static final FuzzContract CONTRACT = FuzzContract.of(256, ConfigException.class);

    @FuzzTest
    void readsAChainSpecOrFailsWithConfigException(byte[] input) {
        // the text is the annals.chain value: a built-in name or an object
        String text = new String(input, StandardCharsets.UTF_8);
        ChainSpec spec =
                CONTRACT.decode(
                        input.length,
                        () ->
                                ChainSpecConfig.load(
                                        ConfigFactory.parseString("annals.chain = " + text)
                                                .resolve()));
        if (spec != null) {
            // what decodes also renders and reads back as the same chain
            ChainSpec again = ChainSpecConfig.load(ChainSpecConfig.toConfig(spec));
            if (!again.equals(spec)) {
                throw new AssertionError("a chain spec read back differs: " + spec + " " + again);
            }
        }
    }
}
