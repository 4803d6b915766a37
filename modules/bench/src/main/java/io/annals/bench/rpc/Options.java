package io.annals.bench.rpc;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name=value} options with defaults; an unknown name is refused so a typo cannot go
 * unnoticed.
 */
final class Options {
    private final Map<String, String> values = new HashMap<>();

    Options(String[] args, Set<String> known) {
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            String name = arg.substring(2, equals);
            if (!known.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown option --" + name + "; known: " + known);
            }
            values.put(name, arg.substring(equals + 1));
        }
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(text(name, Integer.toString(fallback)));
    }
}
