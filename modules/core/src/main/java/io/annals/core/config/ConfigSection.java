package io.annals.core.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * One object of the HOCON configuration with its full path, so every error names the key as the
 * operator wrote it ({@code annals.devnet.faults[2].latency.min}) together with the file and line
 * Typesafe Config knows. Every mistake is a {@link ConfigException}: unknown keys, a missing key, a
 * wrong type, a value out of range. This is the one reader behind every module's settings; which
 * keys exist at all is {@link ConfigSchema}'s job (the {@code reference.conf} files), and {@link
 * #allowOnly} checks the objects inside lists, which no {@code reference.conf} can describe.
 */
public final class ConfigSection {
    private final Config config;
    private final String path;

    public ConfigSection(Config config, String path) {
        this.config = config;
        this.path = path;
    }

    /** The object at {@code path} of the whole configuration. */
    public static ConfigSection at(Config root, String path) {
        if (!root.hasPath(path)) {
            throw new ConfigException.Missing(root.origin(), path);
        }
        ConfigValue value = root.getValue(path);
        if (value.valueType() != ConfigValueType.OBJECT) {
            throw new ConfigException.WrongType(value.origin(), path, "an object", typeName(value));
        }
        return new ConfigSection(((ConfigObject) value).toConfig(), path);
    }

    public String path() {
        return path;
    }

    public String pathOf(String key) {
        return path + "." + key;
    }

    public boolean has(String key) {
        return config.hasPath(key);
    }

    /** Refuses keys outside {@code allowed}, naming the expected ones. */
    public ConfigSection allowOnly(Set<String> allowed) {
        for (String key : config.root().keySet()) {
            if (!allowed.contains(key)) {
                throw new ConfigException.BadValue(
                        config.root().get(key).origin(),
                        pathOf(key),
                        "unknown key; expected one of "
                                + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return this;
    }

    public ConfigSection section(String key) {
        ConfigValue value = value(key);
        if (value.valueType() != ConfigValueType.OBJECT) {
            throw new ConfigException.WrongType(
                    value.origin(), pathOf(key), "an object", typeName(value));
        }
        return new ConfigSection(((ConfigObject) value).toConfig(), pathOf(key));
    }

    public ConfigList list(String key) {
        ConfigValue value = value(key);
        if (value.valueType() != ConfigValueType.LIST) {
            throw new ConfigException.WrongType(
                    value.origin(), pathOf(key), "a list", typeName(value));
        }
        return (ConfigList) value;
    }

    /** The objects of a list, each as a section named {@code key[i]}. */
    public List<ConfigSection> sections(String key) {
        ConfigList list = list(key);
        List<ConfigSection> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValue item = list.get(i);
            String itemPath = pathOf(key) + "[" + i + "]";
            if (item.valueType() != ConfigValueType.OBJECT) {
                throw new ConfigException.WrongType(
                        item.origin(), itemPath, "an object", typeName(item));
            }
            out.add(new ConfigSection(((ConfigObject) item).toConfig(), itemPath));
        }
        return out;
    }

    public String string(String key) {
        ConfigValue value = value(key);
        if (value.valueType() != ConfigValueType.STRING) {
            throw new ConfigException.WrongType(
                    value.origin(), pathOf(key), "a string", typeName(value));
        }
        return (String) value.unwrapped();
    }

    public boolean bool(String key) {
        value(key);
        try {
            return config.getBoolean(key);
        } catch (ConfigException.WrongType e) {
            throw new ConfigException.WrongType(
                    config.getValue(key).origin(),
                    pathOf(key),
                    "true or false",
                    typeName(config.getValue(key)));
        }
    }

    /** A whole number within {@code min..max}; 1.5 is an error, not 1. */
    public long wholeNumber(String key, long min, long max) {
        ConfigValue value = value(key);
        Object raw = value.unwrapped();
        long number;
        if (raw instanceof Integer || raw instanceof Long) {
            number = ((Number) raw).longValue();
        } else if (raw instanceof String text && text.trim().matches("-?\\d+")) {
            try {
                number = Long.parseLong(text.trim());
            } catch (NumberFormatException beyond64Bits) {
                throw bad(key, "must be within " + min + ".." + max + ", got " + text.trim());
            }
        } else {
            throw new ConfigException.WrongType(
                    value.origin(), pathOf(key), "a whole number", typeName(value));
        }
        if (number < min || number > max) {
            throw bad(key, "must be within " + min + ".." + max + ", got " + number);
        }
        return number;
    }

    /** A whole number above zero. */
    public long positive(String key) {
        long value = wholeNumber(key, Long.MIN_VALUE, Long.MAX_VALUE);
        if (value <= 0) {
            throw bad(key, "must be positive, got " + value);
        }
        return value;
    }

    /** A whole number, zero or more. */
    public long notNegative(String key) {
        long value = wholeNumber(key, Long.MIN_VALUE, Long.MAX_VALUE);
        if (value < 0) {
            throw bad(key, "must not be negative, got " + value);
        }
        return value;
    }

    /** A whole number within {@code min..max}, as an int. */
    public int integer(String key, int min, int max) {
        return (int) wholeNumber(key, min, max);
    }

    /** A HOCON size in bytes ({@code 16 MiB}, {@code 4096}) within {@code min..max}. */
    public long bytes(String key, long min, long max) {
        value(key);
        long bytes;
        try {
            bytes = config.getBytes(key);
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            throw bad(key, "expected a size like 16 MiB or 4096 (" + e.getMessage() + ")");
        }
        if (bytes < min || bytes > max) {
            throw bad(key, "must be within " + min + ".." + max + " bytes, got " + bytes);
        }
        return bytes;
    }

    /**
     * Builds a settings record from this section. Its constructor checks the invariants that tie
     * values together and names the key it refuses ({@code "max-peers must be positive"}); that
     * refusal becomes a {@link ConfigException} pointing at the named key's file and line.
     */
    public <T> T build(java.util.function.Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (IllegalArgumentException e) {
            String named = namedKey(e.getMessage());
            throw named != null
                    ? bad(named, stripKey(e.getMessage(), named))
                    : new ConfigException.BadValue(config.origin(), path, e.getMessage());
        }
    }

    /** The longest key of this section (dotted, any depth) that the message starts with. */
    private String namedKey(String message) {
        if (message == null) {
            return null;
        }
        String best = null;
        for (java.util.Map.Entry<String, ConfigValue> entry : config.entrySet()) {
            String key = entry.getKey();
            for (String candidate = key;
                    candidate != null;
                    candidate =
                            candidate.contains(".")
                                    ? candidate.substring(0, candidate.lastIndexOf('.'))
                                    : null) {
                boolean named =
                        message.startsWith(candidate + " ")
                                || message.startsWith(path + "." + candidate + " ");
                if (named && (best == null || candidate.length() > best.length())) {
                    best = candidate;
                }
            }
        }
        return best != null && config.hasPath(best) ? best : null;
    }

    private String stripKey(String message, String key) {
        String full = path + "." + key + " ";
        if (message.startsWith(full)) {
            return message.substring(full.length());
        }
        return message.startsWith(key + " ") ? message.substring(key.length() + 1) : message;
    }

    /** A number within {@code min..max}. */
    public double number(String key, double min, double max) {
        ConfigValue value = value(key);
        if (!(value.unwrapped() instanceof Number n)) {
            throw new ConfigException.WrongType(
                    value.origin(), pathOf(key), "a number", typeName(value));
        }
        double number = n.doubleValue();
        if (!(number >= min && number <= max)) {
            throw bad(key, "must be within " + min + ".." + max + ", got " + number);
        }
        return number;
    }

    /** A HOCON duration ({@code 500ms}, {@code 12s}), not negative. */
    public Duration duration(String key) {
        value(key);
        Duration duration;
        try {
            duration = config.getDuration(key);
        } catch (ConfigException.BadValue | ConfigException.WrongType e) {
            throw bad(key, "expected a duration like 500ms or 12s (" + e.getMessage() + ")");
        }
        if (duration.isNegative()) {
            throw bad(key, "must not be negative, got " + duration);
        }
        return duration;
    }

    public List<String> strings(String key) {
        ConfigList list = list(key);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            ConfigValue item = list.get(i);
            if (item.valueType() != ConfigValueType.STRING) {
                throw new ConfigException.WrongType(
                        item.origin(), pathOf(key) + "[" + i + "]", "a string", typeName(item));
            }
            out.add((String) item.unwrapped());
        }
        return out;
    }

    /** An error about {@code key}, pointing at its value's file and line. */
    public ConfigException bad(String key, String message) {
        ConfigValue value = config.hasPath(key) ? config.getValue(key) : null;
        return new ConfigException.BadValue(
                value != null ? value.origin() : config.origin(), pathOf(key), message);
    }

    private ConfigValue value(String key) {
        if (!config.hasPath(key)) {
            throw new ConfigException.Missing(config.origin(), pathOf(key));
        }
        return config.getValue(key);
    }

    public static String typeName(ConfigValue value) {
        return value.valueType().name().toLowerCase(Locale.ROOT);
    }
}
