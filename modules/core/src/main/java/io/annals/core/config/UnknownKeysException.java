package io.annals.core.config;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigOrigin;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Configuration keys under {@code annals} that no {@code reference.conf} defines: a typo or a key
 * in the wrong section. One line per key: where it was written, the key, and the nearest valid key.
 */
public final class UnknownKeysException extends ConfigException {
    private static final long serialVersionUID = 1L;

    /**
     * @param path the key as written, from {@code annals}
     * @param origin the file and line (or "command line", "system properties") it came from
     * @param suggestion the nearest key the schema defines, if one is near enough
     */
    public record UnknownKey(String path, ConfigOrigin origin, Optional<String> suggestion) {
        /** {@code conf/x.conf: 12: annals.rpc.prot is not a configuration key; did you mean …} */
        public String describe() {
            return origin.description()
                    + ": "
                    + path
                    + " is not a configuration key"
                    + suggestion.map(s -> "; did you mean " + s + "?").orElse("");
        }
    }

    private final transient List<UnknownKey> keys;

    public UnknownKeysException(List<UnknownKey> keys) {
        super(message(keys));
        this.keys = List.copyOf(keys);
    }

    public List<UnknownKey> keys() {
        return keys;
    }

    private static String message(List<UnknownKey> keys) {
        String lines = keys.stream().map(UnknownKey::describe).collect(Collectors.joining("\n  "));
        return keys.size() == 1 ? lines : keys.size() + " unknown configuration keys:\n  " + lines;
    }
}
