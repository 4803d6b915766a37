package io.annals.core.util;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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
 * (docs/benchmarks.md). Each slot keeps its value's hash beside it, so that a probe past another
 * value compares two ints instead of reading that value's array, and a rehash hashes nothing; the
 * values are also kept in order of first use ({@link #valueAt}), which is the order both users
 * write or hash them in.
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
    /**
     * 128, not less: at a load of one half, runs of 32 occupied slots occur by chance (with 32, 5-8
     * of 2,000 mainnet-like blocks fell back); a probe compares the stored hashes, so a long one is
     * cheap, and values made to collide still reach the map after 128 slots.
     */
    static final int MAX_PROBE = 128;

    /**
     * Above this many slots a cleared dictionary gives its arrays back rather than keep them for
     * the next block: a block of unusually many distinct values does not pin its tables.
     */
    static final int MAX_KEPT_SLOTS = 1 << 14;

    private static final long SEED = new SecureRandom().nextLong() | 1;
    private static final VarHandle LONG_AT =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private byte[][] slotValues;
    private int[] slotHashes;
    private int[] slotIndices;
    private byte[][] byIndex;
    private int size;
    private Map<ByteKey, Integer> fallback;
    private final int initialCapacity;

    public ValueDictionary(int expected) {
        initialCapacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) * 2;
        allocate(initialCapacity);
    }

    private void allocate(int capacity) {
        slotValues = new byte[capacity][];
        slotHashes = new int[capacity];
        slotIndices = new int[capacity];
        byIndex = new byte[capacity / 2][];
    }

    /**
     * Empties the dictionary for reuse, keeping its tables (unless they grew past {@link
     * #MAX_KEPT_SLOTS}) but no reference to any value: a dictionary used block after block on one
     * thread allocates nothing once it has grown to a block's size.
     */
    public void clear() {
        if (fallback != null || slotValues.length > MAX_KEPT_SLOTS) {
            fallback = null;
            allocate(initialCapacity);
        } else {
            Arrays.fill(slotValues, null);
            Arrays.fill(byIndex, 0, size, null);
        }
        size = 0;
    }

    /** The distinct values added so far. */
    public int size() {
        return size;
    }

    /** The value of {@code index} (below {@link #size}): the array it was first added as. */
    public byte[] valueAt(int index) {
        return byIndex[index];
    }

    /**
     * The index of {@code value}: its existing one, or the next one (the count of distinct values
     * before it) when it is new.
     */
    public int indexOf(byte[] value) {
        if (fallback != null) {
            return indexInFallback(value);
        }
        int hash = hash(value);
        int mask = slotValues.length - 1;
        int slot = hash & mask;
        for (int probe = 0; probe <= MAX_PROBE; probe++) {
            byte[] held = slotValues[slot];
            if (held == null) {
                slotValues[slot] = value;
                slotHashes[slot] = hash;
                slotIndices[slot] = size;
                int index = append(value);
                if (2 * size > slotValues.length) {
                    rehash(slotValues.length * 2);
                }
                return index;
            }
            if (slotHashes[slot] == hash && (held == value || Arrays.equals(held, value))) {
                return slotIndices[slot];
            }
            slot = (slot + 1) & mask;
        }
        toFallback();
        return indexInFallback(value);
    }

    private int indexInFallback(byte[] value) {
        Integer index = fallback.putIfAbsent(new ByteKey(value), size);
        return index != null ? index : append(value);
    }

    private int append(byte[] value) {
        if (size == byIndex.length) {
            byIndex = Arrays.copyOf(byIndex, 2 * size);
        }
        byIndex[size] = value;
        return size++;
    }

    static int hash(byte[] value) {
        int n = value.length;
        long head;
        long tail;
        if (n >= Long.BYTES) {
            head = (long) LONG_AT.get(value, 0);
            tail = (long) LONG_AT.get(value, n - Long.BYTES);
        } else {
            head = 0;
            for (byte b : value) {
                head = head << 8 | (b & 0xff);
            }
            tail = n;
        }
        long h = (head * SEED + tail) * 0x9E3779B97F4A7C15L ^ SEED;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ h >>> 32);
    }

    private void rehash(int capacity) {
        byte[][] oldValues = slotValues;
        int[] oldHashes = slotHashes;
        int[] oldIndices = slotIndices;
        slotValues = new byte[capacity][];
        slotHashes = new int[capacity];
        slotIndices = new int[capacity];
        int mask = capacity - 1;
        for (int i = 0; i < oldValues.length; i++) {
            if (oldValues[i] != null) {
                int slot = oldHashes[i] & mask;
                while (slotValues[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                slotValues[slot] = oldValues[i];
                slotHashes[slot] = oldHashes[i];
                slotIndices[slot] = oldIndices[i];
            }
        }
    }

    private void toFallback() {
        Map<ByteKey, Integer> map = new HashMap<>(2 * size);
        for (int i = 0; i < size; i++) {
            map.put(new ByteKey(byIndex[i]), i);
        }
        fallback = map;
        slotValues = null;
        slotHashes = null;
        slotIndices = null;
    }
}
