package io.annals.core.trie;

import io.annals.core.crypto.Keccak256;
import io.annals.core.types.Hash;
import io.annals.core.util.Bytes;
import java.util.Arrays;

/**
 * The one buffer in which a trie root's nodes are RLP-encoded: a node is encoded at the end, in the
 * middle of its parent's payload, and then replaced there by its reference (itself when shorter
 * than a hash, else its hash). So the buffer only ever holds the path from the root to the current
 * node, and no node gets an array of its own.
 *
 * <p>A list's length is known only after its payload, so {@link #startList()} leaves room for the
 * longest header and {@link #endList(int)} writes the header just in front of the payload: the
 * node's encoding then starts up to four bytes after its mark, a gap that {@link
 * #replaceWithReference} closes.
 */
final class NodeBuffer {
    /** A payload shorter than 2^32 bytes has a list header of at most 1 + 4 bytes. */
    private static final int LIST_HEADER_ROOM = 5;

    private static final byte EMPTY_STRING = (byte) 0x80;
    private static final byte HASH_REFERENCE_PREFIX = (byte) (0x80 + Hash.SIZE);

    private byte[] buf;
    private int size;
    private final byte[] digest = new byte[Hash.SIZE];

    NodeBuffer(int initialCapacity) {
        buf = new byte[Math.max(64, initialCapacity)];
    }

    int size() {
        return size;
    }

    /** Begins a list; pass the returned mark to {@link #endList(int)}. */
    int startList() {
        ensure(LIST_HEADER_ROOM);
        int mark = size;
        size += LIST_HEADER_ROOM;
        return mark;
    }

    /**
     * Closes the list begun at {@code mark}; returns where its encoding starts (it ends at {@link
     * #size()}).
     */
    int endList(int mark) {
        int payloadStart = mark + LIST_HEADER_ROOM;
        int payload = size - payloadStart;
        int start = payloadStart - headerLength(payload);
        putHeader(start, 0xc0, 0xf7, payload);
        return start;
    }

    void writeEmptyString() {
        ensure(1);
        buf[size++] = EMPTY_STRING;
    }

    /** Writes {@code bytes} as an RLP string. */
    void writeString(byte[] bytes) {
        int length = bytes.length;
        if (length == 1 && (bytes[0] & 0xff) < 0x80) {
            ensure(1);
            buf[size++] = bytes[0];
            return;
        }
        ensure(LIST_HEADER_ROOM + length);
        size += putHeader(size, 0x80, 0xb7, length);
        System.arraycopy(bytes, 0, buf, size, length);
        size += length;
    }

    /** Writes the hex-prefix encoding of nibbles {@code [from, to)} of a key as an RLP string. */
    void writeHexPrefix(PackedKeys keys, int key, int from, int to, boolean leaf) {
        int length = HexPrefix.length(to - from);
        ensure(LIST_HEADER_ROOM + length);
        if (length > 1) {
            size += putHeader(size, 0x80, 0xb7, length);
        }
        HexPrefix.encode(keys, key, from, to, leaf, buf, size);
        size += length;
    }

    /**
     * Replaces the node encoded at {@code [start, size())} by its reference written at {@code at <=
     * start}: the encoding itself when shorter than a hash, else its Keccak-256 as a 32-byte
     * string.
     */
    void replaceWithReference(int at, int start) {
        int length = size - start;
        if (length < Hash.SIZE) {
            System.arraycopy(buf, start, buf, at, length);
            size = at + length;
            return;
        }
        // the digest goes through its own array: the reference may overlap the bytes being hashed
        Keccak256.hashInto(buf, start, length, digest, 0);
        ensure(1); // a 32-byte node at its own mark becomes a 33-byte reference
        buf[at] = HASH_REFERENCE_PREFIX;
        System.arraycopy(digest, 0, buf, at + 1, Hash.SIZE);
        size = at + 1 + Hash.SIZE;
    }

    /** The Keccak-256 of the node encoded at {@code [start, size())}. */
    Hash hash(int start) {
        return Hash.wrap(Keccak256.hash(buf, start, size - start));
    }

    private static int headerLength(int payload) {
        return payload < 56 ? 1 : 1 + Bytes.unsignedByteLength(payload);
    }

    /** Writes an RLP string or list header at {@code at}; returns its length. */
    private int putHeader(int at, int shortBase, int longBase, int length) {
        if (length < 56) {
            buf[at] = (byte) (shortBase + length);
            return 1;
        }
        int lengthOfLength = Bytes.unsignedByteLength(length);
        buf[at] = (byte) (longBase + lengthOfLength);
        for (int i = 0; i < lengthOfLength; i++) {
            buf[at + 1 + i] = (byte) (length >>> (8 * (lengthOfLength - 1 - i)));
        }
        return 1 + lengthOfLength;
    }

    private void ensure(int extra) {
        int needed = size + extra;
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(needed, buf.length * 2));
        }
    }
}
