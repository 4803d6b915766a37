package io.annals.core.config;

import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The valid key an unknown one most likely meant: a sibling a few edits away ({@code prot} → {@code
 * port}), the same key in another section ({@code annals.sync.max-block-backoff} → {@code
 * annals.sync.follow.max-block-backoff}), or else the nearest full path. Distances are Damerau
 * (optimal string alignment) edits, so a swapped pair of letters counts once.
 */
final class NearestKey {
    private final List<String> paths = new ArrayList<>();

    NearestKey(ConfigObject schema, String root) {
        collect(schema, root);
    }

    private void collect(ConfigObject object, String path) {
        for (Map.Entry<String, ConfigValue> entry : object.entrySet()) {
            String child = path + "." + entry.getKey();
            paths.add(child);
            if (entry.getValue().valueType() == ConfigValueType.OBJECT) {
                collect((ConfigObject) entry.getValue(), child);
            }
        }
    }

    /**
     * The suggestion for {@code unknown}: the sibling's name alone when the section is right, else
     * the full path; empty when nothing is near.
     */
    Optional<String> suggest(String unknown) {
        String parent = parentOf(unknown);
        String leaf = leafOf(unknown);
        String bestSibling = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String path : paths) {
            if (parentOf(path).equals(parent)) {
                int d = distance(leaf, leafOf(path));
                if (d < bestDistance) {
                    bestDistance = d;
                    bestSibling = leafOf(path);
                }
            }
        }
        if (bestSibling != null && bestDistance <= allowed(leaf)) {
            return Optional.of(bestSibling);
        }
        String bestPath = null;
        bestDistance = Integer.MAX_VALUE;
        for (String path : paths) {
            int d =
                    leafOf(path).equals(leaf)
                            ? distance(parent, parentOf(path)) / 4 // same key, other section
                            : distance(unknown, path);
            if (d < bestDistance) {
                bestDistance = d;
                bestPath = path;
            }
        }
        // a misplaced key, or a typo no larger than one a sibling would be allowed
        return bestPath != null && bestDistance <= allowed(leaf)
                ? Optional.of(bestPath)
                : Optional.empty();
    }

    private static int allowed(String text) {
        return Math.max(2, text.length() / 3);
    }

    private static String parentOf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    private static String leafOf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] =
                        Math.min(
                                Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1
                        && j > 1
                        && a.charAt(i - 1) == b.charAt(j - 2)
                        && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
