package io.annals.node.era;

import com.typesafe.config.Config;
import io.annals.core.chain.ChainSpec;
import io.annals.node.ConfigLoader;
import io.annals.store.ChainIdentity;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options import-era and export-era share with the node: which configuration, chain and data
 * directory, so that they open the very store the node runs on (it must not be running: LevelDB
 * allows one process).
 */
final class HistoryOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "HOCON file layered over the defaults.")
    Path configFile;

    @Option(
            names = "--network",
            paramLabel = "NAME",
            description = "mainnet, sepolia, hoodi or devnet (annals.node.network).")
    String network;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the store lives: DIR/store (annals.node.data-dir).")
    Path dataDir;

    /** The layered configuration, with these flags and {@code more} on top. */
    Config load(Map<String, Object> more) {
        Map<String, Object> values = new LinkedHashMap<>();
        if (network != null) {
            values.put("annals.node.network", network);
        }
        if (dataDir != null) {
            values.put("annals.node.data-dir", dataDir.toString());
        }
        values.putAll(more);
        return ConfigLoader.load(configFile, values);
    }

    static HistoryStore openStore(Config config, ChainSpec chain, Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        return HistoryStore.open(
                dataDir.resolve("store"),
                new ChainIdentity(chain.chainId(), chain.genesisHash()),
                StoreSettings.fromConfig(config));
    }
}
