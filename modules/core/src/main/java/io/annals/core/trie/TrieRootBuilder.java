package io.annals.core.trie;

import io.annals.core.types.Hash;

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
 * <p>This runs for every block synced (three roots each), so all nodes are encoded in one {@link
 * NodeBuffer} and hashed where they lie: a root allocates that buffer and the digest, not an array
 * per node.
 */
final class TrieRootBuilder {
    private static final int BRANCH_WIDTH = 16;

    /**
     * Room for the branch nodes on the path to a leaf besides the leaf itself; the buffer grows if
     * needed.
     */
    private static final int PATH_ROOM = 2048;

    private final PackedKeys keys;
    private final byte[][] values;
    private final NodeBuffer out;

    /**
     * @param keys the keys, strictly increasing
     * @param values the value of each key, none empty
     */
    TrieRootBuilder(PackedKeys keys, byte[][] values) {
        if (keys.count() != values.length) {
            throw new IllegalArgumentException(
                    keys.count() + " keys but " + values.length + " values");
        }
        this.keys = keys;
        this.values = values;
        int longestValue = 0;
        for (byte[] value : values) {
            longestValue = Math.max(longestValue, value.length);
        }
        this.out = new NodeBuffer(longestValue + PATH_ROOM);
    }

    Hash root() {
        if (values.length == 0) {
            return TrieRoot.EMPTY;
        }
        return out.hash(encode(0, values.length, 0));
    }

    /**
     * Encodes the node holding keys [lo, hi), all of which agree on their first {@code depth}
     * nibbles, at the end of the buffer; returns where the encoding starts.
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
        int mark = out.startList();
        out.writeHexPrefix(keys, key, depth, keys.nibbleLength(key), true);
        out.writeString(values[key]);
        return out.endList(mark);
    }

    private int extension(int lo, int hi, int depth, int shared) {
        int mark = out.startList();
        out.writeHexPrefix(keys, lo, depth, shared, false);
        writeChild(lo, hi, shared);
        return out.endList(mark);
    }

    private int branch(int lo, int hi, int depth) {
        int mark = out.startList();
        byte[] branchValue = null;
        int at = lo;
        if (keys.nibbleLength(at) == depth) {
            branchValue = values[at];
            at++;
        }
        for (int nibble = 0; nibble < BRANCH_WIDTH; nibble++) {
            int end = at;
            while (end < hi && keys.nibble(end, depth) == nibble) {
                end++;
            }
            if (end == at) {
                out.writeEmptyString();
            } else {
                writeChild(at, end, depth + 1);
            }
            at = end;
        }
        if (branchValue == null) {
            out.writeEmptyString();
        } else {
            out.writeString(branchValue);
        }
        return out.endList(mark);
    }

    /**
     * A child is embedded when its encoding is shorter than a hash, and referenced by hash
     * otherwise.
     */
    private void writeChild(int lo, int hi, int depth) {
        int at = out.size();
        int start = encode(lo, hi, depth);
        out.replaceWithReference(at, start);
    }
}
