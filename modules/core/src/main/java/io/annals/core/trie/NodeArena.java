package io.annals.core.trie;

import io.annals.core.crypto.KeccakBatch;
import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import io.annals.core.util.Bytes;
import java.util.Arrays;

/**
 * The one buffer in which a trie root's nodes are RLP-encoded, children before their parents, and
 * then hashed level by level.
 *
 * <p>A node is written whole at the end once its children are written (so its payload length is
 * known up front). A child shorter than a hash is copied into its parent; a longer one is
 * referenced by a 33-byte slot, {@code 0xa0} and 32 bytes that its digest fills in later. A node's
 * level is 0 when it references no hashed child, else one more than its highest such child, so the
 * nodes of one level never read each other's slots: each level is one {@link KeccakBatch} (the
 * leaves, then the branches above them, ..., the root last), and the batch hashes a level's nodes
 * together, several at a time on a CPU with vector lanes.
 *
 * <p>Reused across roots on one thread (a block needs three), so a root allocates nothing but its
 * digest once the arena has grown to a block's size.
 */
final class NodeArena {
    /** A payload shorter than 2^32 bytes has an RLP header of at most 1 + 4 bytes. */
    static final int MAX_HEADER = 5;

    /** A referenced child's slot: the 32-byte string header, then its digest. */
    static final int HASH_REFERENCE = 1 + Hash.SIZE;

    private static final byte EMPTY_STRING = (byte) 0x80;
    private static final byte HASH_REFERENCE_PREFIX = (byte) (0x80 + Hash.SIZE);

    /** An arena that grew past this is dropped after its root, not kept for the thread. */
    static final int KEPT_CAPACITY = 4 << 20;

    private byte[] bytes = new byte[64 * 1024];
    private int size;

    /** Per node: where its encoding starts, its length, its level and its slot in its parent. */
    private int[] nodeStart = new int[256];

    private int[] nodeLength = new int[256];
    private int[] nodeLevel = new int[256];
    private int[] nodeSlot = new int[256];
    private int nodes;
    private int highestLevel;

    private final KeccakBatch batch = new KeccakBatch();

    /** Empties the arena for the next root. */
    void reset(int expectedBytes) {
        size = 0;
        nodes = 0;
        highestLevel = 0;
        ensure(expectedBytes);
    }

    int capacity() {
        return bytes.length;
    }

    /** The length of a child's reference in its parent: the node itself, or a hash slot. */
    int referenceLength(int node) {
        return nodeLength[node] < Hash.SIZE ? nodeLength[node] : HASH_REFERENCE;
    }

    /**
     * The level a parent takes from one child: 0 for an embedded child, one above a hashed one's.
     */
    int levelAbove(int node) {
        return nodeLength[node] < Hash.SIZE ? 0 : nodeLevel[node] + 1;
    }

    /**
     * Starts a node at the end whose payload has {@code payloadLength} bytes (written next, by the
     * caller); returns where it starts.
     */
    int beginList(int payloadLength) {
        ensure(MAX_HEADER + payloadLength);
        int start = size;
        size += putHeader(size, 0xc0, 0xf7, payloadLength);
        return start;
    }

    /** Ends the node begun at {@code start} at the current end; returns its id. */
    int endNode(int start, int level) {
        if (nodes == nodeStart.length) {
            int capacity = nodes * 2;
            nodeStart = Arrays.copyOf(nodeStart, capacity);
            nodeLength = Arrays.copyOf(nodeLength, capacity);
            nodeLevel = Arrays.copyOf(nodeLevel, capacity);
            nodeSlot = Arrays.copyOf(nodeSlot, capacity);
        }
        nodeStart[nodes] = start;
        nodeLength[nodes] = size - start;
        nodeLevel[nodes] = level;
        nodeSlot[nodes] = -1;
        highestLevel = Math.max(highestLevel, level);
        return nodes++;
    }

    void writeEmptyString() {
        bytes[size++] = EMPTY_STRING;
    }

    /** Writes {@code value} as an RLP string; room was made by {@link #beginList}. */
    void writeString(byte[] value) {
        writeString(ByteSlice.of(value));
    }

    void writeString(ByteSlice value) {
        int length = value.length();
        if (length == 1 && (value.get(0) & 0xff) < 0x80) {
            bytes[size++] = value.get(0);
            return;
        }
        size += putHeader(size, 0x80, 0xb7, length);
        System.arraycopy(value.array(), value.offset(), bytes, size, length);
        size += length;
    }

    /** Writes the hex-prefix encoding of nibbles {@code [from, to)} of a key as an RLP string. */
    void writeHexPrefix(PackedKeys keys, int key, int from, int to, boolean leaf) {
        int length = HexPrefix.length(to - from);
        if (length > 1) {
            size += putHeader(size, 0x80, 0xb7, length);
        }
        HexPrefix.encode(keys, key, from, to, leaf, bytes, size);
        size += length;
    }

    /** Writes a child's reference: a copy of the child when short, else a slot for its hash. */
    void writeReference(int child) {
        int length = nodeLength[child];
        if (length < Hash.SIZE) {
            System.arraycopy(bytes, nodeStart[child], bytes, size, length);
            size += length;
            return;
        }
        bytes[size] = HASH_REFERENCE_PREFIX;
        nodeSlot[child] = size + 1;
        size += HASH_REFERENCE;
    }

    /**
     * Hashes every referenced node, level by level, into its slot, and returns the root's hash (the
     * root is hashed whatever its length).
     */
    Hash hashFrom(int root) {
        int[] byLevel = nodesByLevel();
        int[] levelStart = levelStarts();
        byte[] digest = new byte[Hash.SIZE];
        for (int level = 0; level <= highestLevel; level++) {
            for (int i = levelStart[level]; i < levelStart[level + 1]; i++) {
                int node = byLevel[i];
                if (node == root) {
                    batch.add(bytes, nodeStart[node], nodeLength[node], digest, 0);
                } else if (nodeSlot[node] >= 0) {
                    batch.add(bytes, nodeStart[node], nodeLength[node], bytes, nodeSlot[node]);
                }
            }
            batch.run();
        }
        return Hash.wrap(digest);
    }

    /** Node ids sorted by level (a counting sort). */
    private int[] nodesByLevel() {
        int[] next = levelStarts();
        int[] sorted = new int[nodes];
        for (int node = 0; node < nodes; node++) {
            sorted[next[nodeLevel[node]]++] = node;
        }
        return sorted;
    }

    /** Where each level's nodes start in {@link #nodesByLevel()}, and one past the last level. */
    private int[] levelStarts() {
        int[] starts = new int[highestLevel + 2];
        for (int node = 0; node < nodes; node++) {
            starts[nodeLevel[node] + 1]++;
        }
        for (int level = 1; level < starts.length; level++) {
            starts[level] += starts[level - 1];
        }
        return starts;
    }

    /** The length of the RLP string encoding of {@code value}. */
    static int stringLength(byte[] value) {
        return stringLength(ByteSlice.of(value));
    }

    static int stringLength(ByteSlice value) {
        int length = value.length();
        if (length == 1 && (value.get(0) & 0xff) < 0x80) {
            return 1;
        }
        return headerLength(length) + length;
    }

    /** The length of a hex-prefixed path of {@code nibbles} as an RLP string. */
    static int hexPrefixLength(int nibbles) {
        int length = HexPrefix.length(nibbles);
        return length > 1 ? headerLength(length) + length : 1;
    }

    static int headerLength(int payload) {
        return payload < 56 ? 1 : 1 + Bytes.unsignedByteLength(payload);
    }

    /** The encoding of node {@code node}, for tests. */
    byte[] encodingOf(int node) {
        return Arrays.copyOfRange(bytes, nodeStart[node], nodeStart[node] + nodeLength[node]);
    }

    /** Writes an RLP string or list header at {@code at}; returns its length. */
    private int putHeader(int at, int shortBase, int longBase, int length) {
        if (length < 56) {
            bytes[at] = (byte) (shortBase + length);
            return 1;
        }
        int lengthOfLength = Bytes.unsignedByteLength(length);
        bytes[at] = (byte) (longBase + lengthOfLength);
        for (int i = 0; i < lengthOfLength; i++) {
            bytes[at + 1 + i] = (byte) (length >>> (8 * (lengthOfLength - 1 - i)));
        }
        return 1 + lengthOfLength;
    }

    private void ensure(int extra) {
        int needed = size + extra;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }
}
