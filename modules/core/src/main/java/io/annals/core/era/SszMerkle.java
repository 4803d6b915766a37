package io.annals.core.era;

import io.annals.core.types.Hash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SSZ merkleization of a list of 32-byte chunks, built up one chunk at a time: the {@code
 * hash_tree_root} of an SSZ {@code List[T, limit]} whose elements' roots are the chunks, that is
 * {@code mix_in_length(merkleize(chunks, limit), length)}, with SHA-256 and the tree padded with
 * zero hashes to the limit's power of two (<a
 * href="https://github.com/ethereum/consensus-specs/blob/dev/ssz/simple-serialize.md#merkleization">SSZ
 * merkleization</a>).
 *
 * <p>Memory is one node per level: a completed left subtree waits at its level until its right
 * sibling is complete (a binary counter over the chunks), so the {@link EpochAccumulator} of 8,192
 * records needs 14 nodes, not the list. Not thread-safe.
 */
public final class SszMerkle {
    private final int depth;
    private final long limit;
    private final byte[][] pending;
    private final byte[][] zeroes;
    private final MessageDigest sha256;
    private long count;

    /** A list of at most {@code limit} chunks (a power of two is not required). */
    public SszMerkle(long limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("an SSZ list needs a limit of at least 1");
        }
        this.limit = limit;
        this.depth = 64 - Long.numberOfLeadingZeros(limit - 1);
        this.pending = new byte[depth + 1][];
        this.sha256 = newSha256();
        this.zeroes = new byte[depth + 1][];
        zeroes[0] = new byte[32];
        for (int level = 1; level <= depth; level++) {
            zeroes[level] = hash(zeroes[level - 1], zeroes[level - 1]);
        }
    }

    public long count() {
        return count;
    }

    /** Adds the next element's root. */
    public void add(byte[] chunk) {
        if (chunk.length != 32) {
            throw new IllegalArgumentException("an SSZ chunk has 32 bytes, not " + chunk.length);
        }
        if (count == limit) {
            throw new IllegalStateException("the list is full: its limit is " + limit);
        }
        byte[] node = chunk.clone();
        int level = 0;
        while (((count >>> level) & 1) == 1) {
            node = hash(pending[level], node);
            pending[level] = null;
            level++;
        }
        pending[level] = node;
        count++;
    }

    /** {@code merkleize(chunks, limit)}: the root of the padded tree, without the length. */
    public byte[] treeRoot() {
        if (count == 0) {
            return zeroes[depth].clone();
        }
        if (count == 1L << depth) {
            return pending[depth].clone();
        }
        byte[] right = null;
        for (int level = 0; level < depth; level++) {
            boolean filled = ((count >>> level) & 1) == 1;
            if (filled) {
                right = hash(pending[level], right == null ? zeroes[level] : right);
            } else if (right != null) {
                right = hash(right, zeroes[level]);
            }
        }
        return right;
    }

    /** The list's {@code hash_tree_root}: the tree root mixed with the length. */
    public Hash root() {
        byte[] length = new byte[32];
        for (int i = 0; i < 8; i++) {
            length[i] = (byte) (count >>> (8 * i));
        }
        return Hash.wrap(hash(treeRoot(), length));
    }

    /** SHA-256 of two concatenated chunks: one inner node. */
    byte[] hash(byte[] left, byte[] right) {
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
