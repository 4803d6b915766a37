package io.annals.sync.link;

import java.util.List;

/**
 * One response: its items (a prefix of what was asked, possibly empty) and the bytes it took on the
 * wire, for throughput measurements and the writer's batch weights.
 */
public record Fetched<T>(List<T> items, long bytes) {

    public Fetched {
        items = List.copyOf(items);
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative: " + bytes);
        }
    }

    public int size() {
        return items.size();
    }
}
