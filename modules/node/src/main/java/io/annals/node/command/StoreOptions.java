package io.annals.node.command;

import com.typesafe.config.Config;
import io.annals.node.ConfigLoader;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * How a tool finds the store: the data directory from {@code --data-dir} or the configuration (read
 * as strictly as the node reads it), opened with the identity it was created with, so no chain
 * needs to be named.
 */
public final class StoreOptions {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            description =
                    "HOCON file layered over the defaults (for annals.node.data-dir and annals.store).")
    Path configFile;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description =
                    "The node's data directory; the store is DIR/store (annals.node.data-dir).")
    Path dataDir;

    /** The store directory, {@code <data-dir>/store}. */
    public Path storeDirectory() {
        Config config = config();
        String dir = config.getString("annals.node.data-dir");
        if (dir.isBlank()) {
            throw new IllegalArgumentException("give the node's data directory with --data-dir");
        }
        Path store = Path.of(dir).resolve("store");
        if (!Files.isDirectory(store)) {
            throw new IllegalArgumentException(
                    "no store in " + Path.of(dir) + " (" + store + " is missing)");
        }
        return store;
    }

    /** Opens the store; the caller closes it. */
    public HistoryStore open() {
        Path store = storeDirectory();
        return HistoryStore.openExisting(store, StoreSettings.fromConfig(config()));
    }

    private Config config() {
        Map<String, Object> overrides = new HashMap<>();
        if (dataDir != null) {
            overrides.put("annals.node.data-dir", dataDir.toString());
        }
        return ConfigLoader.load(configFile, overrides);
    }
}
