package io.annals.core.trie;

import io.annals.core.crypto.Keccak256;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.types.Hash;
import io.annals.core.util.Bytes;

/**
 * Builds the root of a Merkle-Patricia trie in one pass over keys that are already sorted, without
 * materialising a mutable trie (yellow paper, appendix D).
 *
 * <p>Sorted keys make every subtree a contiguous range, and the longest common prefix of a range
 * is the common prefix of its first and last keys. So a range of one key is a leaf; a range whose
 * keys share nibbles beyond the current depth is an extension over that shared path; anything else
 * is a branch whose sixteen children are the sub-ranges by the next nibble (a key that ends exactly
 * at the branch is sorted first and becomes the branch's value). Each node is RLP-encoded once;
 * its parent embeds the encoding when it is shorter than 32 bytes and its Keccak-256 otherwise.
 */
final class TrieRootBuilder {
    private static final int BRANCH_WIDTH = 16;
    private static final byte HASH_REFERENCE_PREFIX = (byte) (0x80 + Hash.SIZE);

    private final byte[][] keys;
    private final byte[][] values;

    /**
     * @param nibbleKeys keys as nibble arrays (one nibble per byte), strictly increasing
     * @param values the value of each key, none empty
     */
    TrieRootBuilder(byte[][] nibbleKeys, byte[][] values) {
        this.keys = nibbleKeys;
        this.values = values;
    }

    Hash root() {
        if (keys.length == 0) {
            return TrieRoot.EMPTY;
        }
        return Hash.wrap(Keccak256.hash(encode(0, keys.length, 0)));
    }

    /** The RLP encoding of the node holding keys[lo, hi), all of which agree on their first {@code depth} nibbles. */
    private byte[] encode(int lo, int hi, int depth) {
        if (hi - lo == 1) {
            return leaf(lo, depth);
        }
        int shared = commonPrefix(keys[lo], keys[hi - 1], depth);
        if (shared > depth) {
            return extension(lo, hi, depth, shared);
        }
        return branch(lo, hi, depth);
    }

    private byte[] leaf(int index, int depth) {
        byte[] key = keys[index];
        byte[] path = HexPrefix.encode(key, depth, key.length, true);
        byte[] value = values[index];
        RlpWriter w = new RlpWriter(path.length + value.length + 16);
        int mark = w.startList();
        w.writeBytes(path);
        w.writeBytes(value);
        return w.endList(mark).toByteArray();
    }

    private byte[] extension(int lo, int hi, int depth, int shared) {
        byte[] path = HexPrefix.encode(keys[lo], depth, shared, false);
        byte[] child = encode(lo, hi, shared);
        RlpWriter w = new RlpWriter(path.length + 48);
        int mark = w.startList();
        w.writeBytes(path);
        writeReference(w, child);
        return w.endList(mark).toByteArray();
    }

    private byte[] branch(int lo, int hi, int depth) {
        RlpWriter w = new RlpWriter(BRANCH_WIDTH * (Hash.SIZE + 1) + 16);
        int mark = w.startList();
        byte[] branchValue = null;
        int at = lo;
        if (keys[at].length == depth) {
            branchValue = values[at];
            at++;
        }
        for (int nibble = 0; nibble < BRANCH_WIDTH; nibble++) {
            int end = at;
            while (end < hi && keys[end][depth] == nibble) {
                end++;
            }
            if (end == at) {
                w.writeBytes(Bytes.EMPTY);
            } else {
                writeReference(w, encode(at, end, depth + 1));
            }
            at = end;
        }
        if (branchValue == null) {
            w.writeBytes(Bytes.EMPTY);
        } else {
            w.writeBytes(branchValue);
        }
        return w.endList(mark).toByteArray();
    }

    /** A child is embedded when its encoding is shorter than a hash, and referenced by hash otherwise. */
    private static void writeReference(RlpWriter w, byte[] childEncoding) {
        if (childEncoding.length < Hash.SIZE) {
            w.writeRaw(childEncoding);
            return;
        }
        byte[] reference = new byte[Hash.SIZE + 1];
        reference[0] = HASH_REFERENCE_PREFIX;
        System.arraycopy(Keccak256.hash(childEncoding), 0, reference, 1, Hash.SIZE);
        w.writeRaw(reference);
    }

    private static int commonPrefix(byte[] a, byte[] b, int from) {
        int limit = Math.min(a.length, b.length);
        int i = from;
        while (i < limit && a[i] == b[i]) {
            i++;
        }
        return i;
    }
}
