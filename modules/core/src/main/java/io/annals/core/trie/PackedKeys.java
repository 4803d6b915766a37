package io.annals.core.trie;

/**
 * Trie keys stored back to back in one array and read as nibble paths, the high nibble of each byte
 * first. One array for all the keys of a trie, instead of a nibble array per key.
 */
final class PackedKeys {
    private final byte[] bytes;

    /** Key {@code k} is {@code bytes[offsets[k], offsets[k + 1])}. */
    private final int[] offsets;

    /**
     * @param bytes the keys back to back
     * @param offsets {@code count + 1} non-decreasing offsets into {@code bytes}, the last one the
     *     end of the last key
     */
    PackedKeys(byte[] bytes, int[] offsets) {
        if (offsets.length == 0 || offsets[0] != 0 || offsets[offsets.length - 1] != bytes.length) {
            throw new IllegalArgumentException(
                    "offsets must start at 0 and end at " + bytes.length);
        }
        this.bytes = bytes;
        this.offsets = offsets;
    }

    /** Copies {@code keys} into one array, in the given order. */
    static PackedKeys of(byte[][] keys) {
        int[] offsets = new int[keys.length + 1];
        for (int k = 0; k < keys.length; k++) {
            offsets[k + 1] = offsets[k] + keys[k].length;
        }
        byte[] bytes = new byte[offsets[keys.length]];
        for (int k = 0; k < keys.length; k++) {
            System.arraycopy(keys[k], 0, bytes, offsets[k], keys[k].length);
        }
        return new PackedKeys(bytes, offsets);
    }

    int count() {
        return offsets.length - 1;
    }

    int nibbleLength(int key) {
        return 2 * (offsets[key + 1] - offsets[key]);
    }

    /** The {@code index}-th nibble of the key's path (0 is the high nibble of its first byte). */
    int nibble(int key, int index) {
        int b = bytes[offsets[key] + (index >>> 1)];
        return (index & 1) == 0 ? (b >>> 4) & 0x0f : b & 0x0f;
    }

    /**
     * The length of the common nibble prefix of two keys that are known to agree before {@code
     * from}.
     */
    int commonPrefix(int a, int b, int from) {
        int limit = Math.min(nibbleLength(a), nibbleLength(b));
        int i = from;
        while (i < limit && nibble(a, i) == nibble(b, i)) {
            i++;
        }
        return i;
    }
}
