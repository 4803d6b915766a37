package io.annals.core.crypto;

import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * Keccak-256 as Ethereum uses it (the original Keccak padding, not NIST SHA3-256).
 *
 * <p>Static helpers hash whole inputs; an instance is an incremental digest whose running state can
 * be read without being reset ({@link #peekDigest()}), which is what the RLPx frame MACs need.
 */
public final class Keccak256 {
    public static final int DIGEST_SIZE = 32;

    private final KeccakDigest digest;

    public Keccak256() {
        digest = new KeccakDigest(256);
    }

    private Keccak256(KeccakDigest state) {
        digest = new KeccakDigest(state);
    }

    public static byte[] hash(byte[] input) {
        return hash(input, 0, input.length);
    }

    public static byte[] hash(byte[] input, int offset, int length) {
        KeccakDigest d = new KeccakDigest(256);
        d.update(input, offset, length);
        byte[] out = new byte[DIGEST_SIZE];
        d.doFinal(out, 0);
        return out;
    }

    public static Hash hashOf(byte[] input) {
        return Hash.wrap(hash(input));
    }

    public static Hash hashOf(ByteSlice slice) {
        return Hash.wrap(hash(slice.array(), slice.offset(), slice.length()));
    }

    public Keccak256 update(byte[] input) {
        return update(input, 0, input.length);
    }

    public Keccak256 update(byte[] input, int offset, int length) {
        digest.update(input, offset, length);
        return this;
    }

    /** Finishes the hash and resets this instance. */
    public byte[] digest() {
        byte[] out = new byte[DIGEST_SIZE];
        digest.doFinal(out, 0);
        return out;
    }

    /** The digest of everything absorbed so far, leaving the running state untouched. */
    public byte[] peekDigest() {
        return copy().digest();
    }

    public Keccak256 copy() {
        return new Keccak256(digest);
    }

    public void reset() {
        digest.reset();
    }
}
