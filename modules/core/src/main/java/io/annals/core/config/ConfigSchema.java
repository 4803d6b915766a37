package io.annals.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which {@code annals.*} keys exist: exactly those of the modules' {@code reference.conf} files, so
 * a key added there (with its comment and default) is valid everywhere with nothing else to change.
 * Everything a configuration sets under {@code annals} that no {@code reference.conf} defines is an
 * {@link UnknownKeysException} naming the file, the line, the key and the nearest valid key. Keys
 * outside {@code annals} (Pekko's, Logback's) belong to their owners and are not looked at.
 *
 * <p>Two kinds of subtree are not described key by key, and their own reader checks them: a value
 * that is not an object in {@code reference.conf} (a list such as {@code annals.sync.checkpoints},
 * or {@code null} for an optional key such as {@code annals.node.end-block}) owns whatever is
 * written under it; and the sections listed in {@value #OPEN_SECTIONS} (added to with {@code +=} by
 * the module that owns them, e.g. a Pekko dispatcher's settings, or {@code annals.chain}, which
 * {@code ChainSpecConfig} reads) may hold any keys.
 */
public final class ConfigSchema {
    /** The one root this schema checks. */
    public static final String ROOT = "annals";

    /** The list of sections whose keys another reader checks. */
    public static final String OPEN_SECTIONS = "annals.config.open-sections";

    private final ConfigObject reference;
    private final Set<String> openSections;
    private final NearestKey nearest;

    private ConfigSchema(ConfigObject reference, Set<String> openSections) {
        this.reference = reference;
        this.openSections = openSections;
        this.nearest = new NearestKey(reference, ROOT);
    }

    /** The schema of the {@code reference.conf} files on the class path of this class. */
    public static ConfigSchema fromClassPath() {
        return of(ConfigFactory.defaultReference(ConfigSchema.class.getClassLoader()));
    }

    /** The schema that {@code reference} (every module's defaults, resolved) defines. */
    public static ConfigSchema of(Config reference) {
        ConfigObject root =
                reference.hasPath(ROOT) ? reference.getObject(ROOT) : ConfigFactory.empty().root();
        Set<String> open = new TreeSet<>();
        if (reference.hasPath(OPEN_SECTIONS)) {
            open.addAll(reference.getStringList(OPEN_SECTIONS));
        }
        return new ConfigSchema(root, Collections.unmodifiableSet(open));
    }

    /**
     * Refuses every {@code annals.*} key of {@code config} that the schema does not define.
     *
     * @return {@code config}, for chaining
     * @throws UnknownKeysException listing every such key, each with its origin and suggestion
     */
    public Config check(Config config) {
        List<UnknownKeysException.UnknownKey> unknown = unknownKeys(config);
        if (!unknown.isEmpty()) {
            throw new UnknownKeysException(unknown);
        }
        return config;
    }

    /**
     * Refuses the unknown keys of one section only ({@code annals.devnet}), for a process that
     * reads a file shared with others: {@code conf/devnet.conf} also configures the node, whose
     * modules the devnet's class path lacks.
     */
    public Config check(Config config, String section) {
        List<UnknownKeysException.UnknownKey> unknown =
                unknownKeys(config).stream()
                        .filter(k -> k.path().equals(section) || k.path().startsWith(section + "."))
                        .toList();
        if (!unknown.isEmpty()) {
            throw new UnknownKeysException(unknown);
        }
        return config;
    }

    /** The keys of {@code config} under {@code annals} that the schema does not define. */
    public List<UnknownKeysException.UnknownKey> unknownKeys(Config config) {
        List<UnknownKeysException.UnknownKey> unknown = new ArrayList<>();
        ConfigValue root = config.root().get(ROOT);
        if (root != null && root.valueType() == ConfigValueType.OBJECT) {
            walk((ConfigObject) root, reference, ROOT, unknown);
        }
        return unknown;
    }

    private void walk(
            ConfigObject given,
            ConfigObject known,
            String path,
            List<UnknownKeysException.UnknownKey> unknown) {
        for (Map.Entry<String, ConfigValue> entry : new TreeSetEntries(given).entries()) {
            String key = entry.getKey();
            String child = path + "." + quoted(key);
            if (openSections.contains(child)) {
                continue;
            }
            ConfigValue knownValue = known.get(key);
            if (knownValue == null) {
                unknown.add(
                        new UnknownKeysException.UnknownKey(
                                child, entry.getValue().origin(), nearest.suggest(child)));
            } else if (knownValue.valueType() == ConfigValueType.OBJECT
                    && entry.getValue().valueType() == ConfigValueType.OBJECT) {
                walk((ConfigObject) entry.getValue(), (ConfigObject) knownValue, child, unknown);
            }
            // a leaf of the schema (a value, a list, null) owns what is written under it, and an
            // object given where a value is expected is its reader's type error
        }
    }

    private static String quoted(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
    }

    /** A config object's entries in key order, so errors come in a stable order. */
    private record TreeSetEntries(ConfigObject object) {
        List<Map.Entry<String, ConfigValue>> entries() {
            List<Map.Entry<String, ConfigValue>> out = new ArrayList<>(object.entrySet());
            out.sort(Map.Entry.comparingByKey());
            return out;
        }
    }
}
