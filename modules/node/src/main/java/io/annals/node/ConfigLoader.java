package io.annals.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads the layered configuration: command-line overrides, then the operator's file, then
 * {@code application.conf} on the class path, then every module's {@code reference.conf}.
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /**
     * @param file the operator's HOCON file, or null for none
     * @param overrides settings from command-line flags, as config paths to values
     */
    public static Config load(Path file, Map<String, Object> overrides) {
        Config config = ConfigFactory.parseMap(overrides, "command line");
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("config file not found: " + file);
            }
            config = config.withFallback(
                    ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)));
        }
        return config.withFallback(ConfigFactory.load()).resolve();
    }
}
