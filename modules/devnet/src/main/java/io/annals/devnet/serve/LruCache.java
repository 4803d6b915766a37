package io.annals.devnet.serve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A small least-recently-used map shared by the peers' serving threads. A plain lock around an
 * access-ordered {@link LinkedHashMap}: the critical sections are a hash lookup, so contention is
 * negligible next to the socket work of a response.
 */
final class LruCache<K, V> {
    private final LinkedHashMap<K, V> entries;

    LruCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be positive: " + capacity);
        }
        this.entries =
                new LinkedHashMap<>(16, 0.75f, true) {
                    @Override
                    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                        return size() > capacity;
                    }
                };
    }

    synchronized V get(K key) {
        return entries.get(key);
    }

    synchronized void put(K key, V value) {
        entries.put(key, value);
    }

    /**
     * Puts only while {@code stillValid} holds, checked under the same lock as {@link #removeIf}.
     */
    synchronized void putIf(K key, V value, BooleanSupplier stillValid) {
        if (stillValid.getAsBoolean()) {
            entries.put(key, value);
        }
    }

    synchronized void removeIf(Predicate<Map.Entry<K, V>> condition) {
        entries.entrySet().removeIf(condition);
    }
}
