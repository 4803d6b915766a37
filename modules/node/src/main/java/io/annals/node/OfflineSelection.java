package io.annals.node;

import com.typesafe.config.Config;
import io.annals.core.chain.ChainSpec;
import java.nio.file.Path;

/**
 * What the commands that work on a store without running the node (import-era, export-era) take
 * from the configuration: every setting checked as the node checks it ({@link NodeConfiguration}),
 * then the chain and data directory it selects.
 */
public final class OfflineSelection {
    private OfflineSelection() {}

    /** The chain and the data directory a configuration selects. */
    public record Selected(ChainSpec chain, Path dataDir, NodeSettings settings) {}

    /**
     * @throws IllegalArgumentException when the configuration is invalid, asks for the embedded
     *     devnet (whose chain exists only while it runs) or names no data directory
     */
    public static Selected select(Config config) {
        NodeConfiguration checked = NodeConfiguration.fromConfig(config);
        NodeSettings settings = checked.node();
        if (settings.embeddedDevnet()) {
            throw new IllegalArgumentException(
                    "the embedded devnet's store lives only while it runs: give --network and a"
                            + " --data-dir (for devnet, with its chain in annals.chain)");
        }
        ChainSpec chain = checked.chain(config).orElseThrow();
        Path dataDir =
                settings.dataDir()
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "annals.node.data-dir is empty: give --data-dir"));
        return new Selected(chain, dataDir, settings);
    }
}
