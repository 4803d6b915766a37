package io.annals.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import io.annals.core.config.ConfigSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Loads the layered configuration, highest first: command-line overrides, Java system properties,
 * the operator's file, the embedded devnet's defaults (only when {@code
 * annals.node.embedded-devnet} is on), {@code application.conf} on the class path, the node's
 * actor-system settings, and every module's {@code reference.conf}.
 */
public final class ConfigLoader {
    static final String EMBEDDED_DEVNET_KEY = "annals.node.embedded-devnet";
    private static final String EMBEDDED_DEVNET_RESOURCE = "embedded-devnet.conf";
    private static final String PEKKO_RESOURCE = "annals-pekko.conf";

    /** Every module's reference.conf: an annals.* key none of them defines is refused. */
    private static final ConfigSchema SCHEMA = ConfigSchema.fromClassPath();

    private ConfigLoader() {}

    /**
     * @param file the operator's HOCON file, or null for none
     * @param overrides settings from command-line flags, as config paths to values
     * @throws IllegalArgumentException if the file does not exist
     * @throws com.typesafe.config.ConfigException if a layer does not parse or a substitution fails
     * @throws io.annals.core.config.UnknownKeysException for an annals.* key no reference.conf
     *     defines
     */
    public static Config load(Path file, Map<String, Object> overrides) {
        Config top =
                ConfigFactory.parseMap(overrides, "command line")
                        .withFallback(ConfigFactory.systemProperties());
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("config file not found: " + file);
            }
            top =
                    top.withFallback(
                            ConfigFactory.parseFile(
                                    file.toFile(),
                                    ConfigParseOptions.defaults().setAllowMissing(false)));
        }
        return layered(top);
    }

    /**
     * The configuration with {@code top} (flags and the operator's file, unresolved) over the
     * defaults, and the embedded devnet's defaults between them when {@code top} or the defaults
     * turn {@code annals.node.embedded-devnet} on.
     */
    public static Config layered(Config top) {
        Config withoutDevnet = SCHEMA.check(top.withFallback(base()).resolve());
        if (!withoutDevnet.getBoolean(EMBEDDED_DEVNET_KEY)) {
            return withoutDevnet;
        }
        Config devnet =
                ConfigFactory.parseResources(
                        ConfigLoader.class,
                        "/" + EMBEDDED_DEVNET_RESOURCE,
                        ConfigParseOptions.defaults().setAllowMissing(false));
        return SCHEMA.check(top.withFallback(devnet).withFallback(base()).resolve());
    }

    private static Config base() {
        Config pekko =
                ConfigFactory.parseResources(
                        ConfigLoader.class,
                        "/" + PEKKO_RESOURCE,
                        ConfigParseOptions.defaults().setAllowMissing(false));
        return ConfigFactory.defaultApplication()
                .withFallback(pekko)
                .withFallback(ConfigFactory.defaultReference());
    }
}
