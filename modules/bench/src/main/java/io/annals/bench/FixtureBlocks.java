package io.annals.bench;

import io.annals.core.testing.MainnetBlock;
import io.annals.core.testing.MainnetBlocks;
import java.util.Map;

/**
 * The real mainnet blocks the per-block benchmarks take as their {@code block} parameter: Shanghai
 * 17,062,257, Cancun 22,162,263 and Prague 22,431,084 (the core fixtures).
 */
public final class FixtureBlocks {
    private static final Map<String, MainnetBlock> BY_NAME =
            Map.of(
                    "shanghai",
                    MainnetBlocks.SHANGHAI,
                    "cancun",
                    MainnetBlocks.CANCUN,
                    "prague",
                    MainnetBlocks.PRAGUE);

    private FixtureBlocks() {}

    /** The fixture of a {@code block} parameter value. */
    public static MainnetBlock named(String name) {
        MainnetBlock block = BY_NAME.get(name);
        if (block == null) {
            throw new IllegalArgumentException(
                    "no fixture block " + name + "; one of " + BY_NAME.keySet());
        }
        return block;
    }
}
