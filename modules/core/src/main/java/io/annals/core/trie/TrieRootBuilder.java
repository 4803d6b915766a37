package io.annals.core.trie;

import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;

/**
 * Builds the root of a Merkle-Patricia trie in one pass over keys that are already sorted, without
 * materialising a mutable trie (yellow paper, appendix D).
 *
 * <p>Sorted keys make every subtree a contiguous range, and the longest common prefix of a range is
 * the common prefix of its first and last keys. So a range of one key is a leaf; a range whose keys
 * share nibbles beyond the current depth is an extension over that shared path; anything else is a
 * branch whose sixteen children are the sub-ranges by the next nibble (a key that ends exactly at
 * the branch is sorted first and becomes the branch's value). Each node is RLP-encoded once; its
 * parent embeds the encoding when it is shorter than 32 bytes and its Keccak-256 otherwise.
 *
 * <p>This runs for every block synced (three roots each), so the nodes are encoded children first
 * into one {@link NodeArena}, kept per thread, and hashed there a level at a time: the hundreds of
 * leaves of a block's transactions or receipts are independent hashes, which the arena's {@link
 * io.annals.core.crypto.KeccakBatch} runs side by side.
 */
final class TrieRootBuilder {
    private static final int BRANCH_WIDTH = 16;

    /** Room per key for the path and headers of its leaf and its share of the branches. */
    private static final int ROOM_PER_KEY = 48;

    private static final ThreadLocal<NodeArena> ARENAS = ThreadLocal.withInitial(NodeArena::new);

    private final PackedKeys keys;
    private final ByteSlice[] values;
    private NodeArena out;

    /**
     * @param keys the keys, strictly increasing
     * @param values the value of each key, none empty
     */
    TrieRootBuilder(PackedKeys keys, ByteSlice[] values) {
        if (keys.count() != values.length) {
            throw new IllegalArgumentException(
                    keys.count() + " keys but " + values.length + " values");
        }
        this.keys = keys;
        this.values = values;
    }

    Hash root() {
        if (values.length == 0) {
            return TrieRoot.EMPTY;
        }
        long expected = (long) ROOM_PER_KEY * values.length;
        for (ByteSlice value : values) {
            expected += value.length();
        }
        out = ARENAS.get();
        try {
            out.reset((int) Math.min(Integer.MAX_VALUE - 16, expected));
            return out.hashFrom(encode(0, values.length, 0));
        } finally {
            if (out.capacity() > NodeArena.KEPT_CAPACITY) {
                ARENAS.remove();
            }
            out = null;
        }
    }

    /**
     * Encodes the node holding keys [lo, hi), all of which agree on their first {@code depth}
     * nibbles, after its children; returns its id in the arena.
     */
    private int encode(int lo, int hi, int depth) {
        if (hi - lo == 1) {
            return leaf(lo, depth);
        }
        int shared = keys.commonPrefix(lo, hi - 1, depth);
        if (shared > depth) {
            return extension(lo, hi, depth, shared);
        }
        return branch(lo, hi, depth);
    }

    private int leaf(int key, int depth) {
        int nibbles = keys.nibbleLength(key);
        int start =
                out.beginList(
                        NodeArena.hexPrefixLength(nibbles - depth)
                                + NodeArena.stringLength(values[key]));
        out.writeHexPrefix(keys, key, depth, nibbles, true);
        out.writeString(values[key]);
        return out.endNode(start, 0);
    }

    private int extension(int lo, int hi, int depth, int shared) {
        int child = encode(lo, hi, shared);
        int start =
                out.beginList(
                        NodeArena.hexPrefixLength(shared - depth) + out.referenceLength(child));
        out.writeHexPrefix(keys, lo, depth, shared, false);
        out.writeReference(child);
        return out.endNode(start, out.levelAbove(child));
    }

    private int branch(int lo, int hi, int depth) {
        int[] children = new int[BRANCH_WIDTH];
        ByteSlice branchValue = null;
        int at = lo;
        if (keys.nibbleLength(at) == depth) {
            branchValue = values[at];
            at++;
        }
        int payload = 0;
        int level = 0;
        for (int nibble = 0; nibble < BRANCH_WIDTH; nibble++) {
            int end = at;
            while (end < hi && keys.nibble(end, depth) == nibble) {
                end++;
            }
            if (end == at) {
                children[nibble] = -1;
                payload++;
            } else {
                int child = encode(at, end, depth + 1);
                children[nibble] = child;
                payload += out.referenceLength(child);
                level = Math.max(level, out.levelAbove(child));
            }
            at = end;
        }
        payload += branchValue == null ? 1 : NodeArena.stringLength(branchValue);
        int start = out.beginList(payload);
        for (int child : children) {
            if (child < 0) {
                out.writeEmptyString();
            } else {
                out.writeReference(child);
            }
        }
        if (branchValue == null) {
            out.writeEmptyString();
        } else {
            out.writeString(branchValue);
        }
        return out.endNode(start, level);
    }
}
