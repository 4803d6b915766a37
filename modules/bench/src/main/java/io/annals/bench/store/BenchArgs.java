package io.annals.bench.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name=value} arguments with defaults; unknown names are refused so a typo cannot go
 * unnoticed.
 */
final class BenchArgs {
    private final Map<String, String> values = new HashMap<>();

    BenchArgs(String[] args, Set<String> known) {
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!known.contains(name)) {
                throw new IllegalArgumentException(
                        "unknown option --" + name + "; known: " + known);
            }
            values.put(name, arg.substring(arg.indexOf('=') + 1));
        }
    }

    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        return Integer.parseInt(text(name, Integer.toString(fallback)));
    }

    boolean flag(String name, boolean fallback) {
        return Boolean.parseBoolean(text(name, Boolean.toString(fallback)));
    }
}
