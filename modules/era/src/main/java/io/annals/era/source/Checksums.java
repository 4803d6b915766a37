package io.annals.era.source;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code checksums.txt} as go-ethereum's {@code download-era} and the era mirrors publish it:
 * {@code <sha256 hex> <file name>} per line (the {@code sha256sum} format; blank lines and {@code
 * #} comments are skipped).
 */
public final class Checksums {
    public static final String FILE_NAME = "checksums.txt";

    /** At most this many lines are read: mainnet has 1,897 era1 files. */
    static final int MAX_LINES = 1 << 16;

    private Checksums() {}

    /**
     * The checksums by file name.
     *
     * @throws IllegalArgumentException naming the line when one is malformed
     */
    public static Map<String, String> parse(String text) {
        Map<String, String> out = new HashMap<>();
        String[] lines = text.split("\\R");
        if (lines.length > MAX_LINES) {
            throw new IllegalArgumentException(
                    FILE_NAME + " has more than " + MAX_LINES + " lines");
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            String name = parts.length == 2 ? parts[1].replaceFirst("^\\*", "") : "";
            if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{64}") || name.isEmpty()) {
                throw new IllegalArgumentException(
                        FILE_NAME + " line " + (i + 1) + " is not '<sha256> <file name>': " + line);
            }
            out.put(name, parts[0].toLowerCase(Locale.ROOT));
        }
        return out;
    }
}
