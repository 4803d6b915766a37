package io.annals.core.util;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A per-block dictionary from 20- or 32-byte values (log addresses, topics) to their index in order
 * of first use, for the stored receipts' dictionaries and the blooms' memo of bit positions: open
 * addressing with linear probing over the values' own arrays, so that a lookup allocates nothing
 * (no key record, no boxed index) and a block's dictionary grows in place. It replaced {@code
 * HashMap}s whose lookups, boxing and resizes were several per cent of the node's sync CPU
 * (docs/benchmarks.md).
 *
 * <p>Log values are chosen by anyone who deploys a contract, so colliding values are cheap to make
 * for a public hash. The hash mixes the first and last eight bytes (where hashes, addresses and
 * zero-padded numbers all vary) with a seed drawn once per process, and a probe longer than {@link
 * #MAX_PROBE} slots (which such values at this table's load of at most one half practically never
 * reach; values alike in those sixteen bytes do) moves the whole dictionary into a {@link HashMap}
 * keyed on {@link ByteKey}, whose collision buckets become balanced trees: the worst case stays
 * O(log n) per lookup. Shares the arrays: do not modify a value after adding it.
 */
public final class ValueDictionary {
    static final int MAX_PROBE = 32;
    private static final long SEED = new SecureRandom().nextLong() | 1;

    private byte[][] values;
    private int[] indices;
    private int size;
    private Map<ByteKey, Integer> fallback;

    public ValueDictionary(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) * 2;
        values = new byte[capacity][];
        indices = new int[capacity];
    }

    /** The distinct values added so far. */
    public int size() {
        return fallback != null ? fallback.size() : size;
    }

    /**
     * The index of {@code value}: its existing one, or the next one (the count of distinct values
     * before it) when it is new.
     */
    public int indexOf(byte[] value) {
        if (fallback != null) {
            return fallback.computeIfAbsent(new ByteKey(value), k -> fallback.size());
        }
        int mask = values.length - 1;
        int slot = hash(value) & mask;
        for (int probe = 0; probe <= MAX_PROBE; probe++) {
            byte[] held = values[slot];
            if (held == null) {
                int index = size++;
                values[slot] = value;
                indices[slot] = index;
                if (2 * size > values.length) {
                    rehash(values.length * 2);
                }
                return index;
            }
            if (held == value || Arrays.equals(held, value)) {
                return indices[slot];
            }
            slot = (slot + 1) & mask;
        }
        toFallback();
        return indexOf(value);
    }

    static int hash(byte[] value) {
        int n = value.length;
        long head = 0;
        long tail = 0;
        for (int i = 0; i < 8 && i < n; i++) {
            head = head << 8 | (value[i] & 0xff);
            tail = tail << 8 | (value[n - 1 - i] & 0xff);
        }
        long h = (head * SEED + tail) * 0x9E3779B97F4A7C15L ^ SEED;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ h >>> 32);
    }

    private void rehash(int capacity) {
        byte[][] oldValues = values;
        int[] oldIndices = indices;
        values = new byte[capacity][];
        indices = new int[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                int slot = hash(oldValues[i]) & mask;
                while (values[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                values[slot] = oldValues[i];
                indices[slot] = oldIndices[i];
            }
        }
    }

    private void toFallback() {
        Map<ByteKey, Integer> map = new HashMap<>(2 * size);
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null) {
                map.put(new ByteKey(values[i]), indices[i]);
            }
        }
        fallback = map;
        values = null;
        indices = null;
    }
}
