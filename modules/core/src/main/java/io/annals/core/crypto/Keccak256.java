package io.annals.core.crypto;

import io.annals.core.types.Hash;
import io.annals.core.util.ByteSlice;
import java.util.Arrays;
import java.util.Objects;

/**
 * Keccak-256 as Ethereum uses it (the original Keccak padding, not NIST SHA3-256).
 *
 * <p>The static methods hash whole inputs and allocate nothing but the digest; an instance is an
 * incremental digest whose running state can be read without being reset ({@link #peekDigest()}),
 * which is what the RLPx frame MACs need. The permutation is {@link KeccakSponge}.
 *
 * <p>An instance is not thread-safe; the static methods are.
 */
public final class Keccak256 {
    public static final int DIGEST_SIZE = KeccakSponge.DIGEST_SIZE;

    private static final int RATE = KeccakSponge.RATE;

    private final long[] state;

    /** Bytes of the current, not yet whole block; whole blocks go straight into the state. */
    private final byte[] pending;

    private int pendingLength;

    public Keccak256() {
        state = new long[KeccakSponge.LANES];
        pending = new byte[RATE];
    }

    private Keccak256(Keccak256 original) {
        state = original.state.clone();
        pending = original.pending.clone();
        pendingLength = original.pendingLength;
    }

    public static byte[] hash(byte[] input) {
        return hash(input, 0, input.length);
    }

    public static byte[] hash(byte[] input, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, input.length);
        byte[] out = new byte[DIGEST_SIZE];
        KeccakSponge.hash(input, offset, length, out, 0);
        return out;
    }

    /**
     * Hashes {@code input[offset, offset + length)} into {@code out[outOffset, outOffset + 32)},
     * allocating nothing: for callers that hash many small inputs into a buffer of their own. The
     * output range may not overlap the input range.
     */
    public static void hashInto(byte[] input, int offset, int length, byte[] out, int outOffset) {
        Objects.checkFromIndexSize(offset, length, input.length);
        Objects.checkFromIndexSize(outOffset, DIGEST_SIZE, out.length);
        KeccakSponge.hash(input, offset, length, out, outOffset);
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
        Objects.checkFromIndexSize(offset, length, input.length);
        if (pendingLength > 0) {
            int taken = Math.min(length, RATE - pendingLength);
            System.arraycopy(input, offset, pending, pendingLength, taken);
            pendingLength += taken;
            offset += taken;
            length -= taken;
            if (pendingLength < RATE) {
                return this;
            }
            KeccakSponge.absorb(state, pending, 0, RATE);
            pendingLength = 0;
        }
        int whole = length - length % RATE;
        if (whole > 0) {
            KeccakSponge.absorb(state, input, offset, whole);
        }
        int rest = length - whole;
        System.arraycopy(input, offset + whole, pending, 0, rest);
        pendingLength = rest;
        return this;
    }

    /** Finishes the hash and resets this instance. */
    public byte[] digest() {
        byte[] out = peekDigest();
        reset();
        return out;
    }

    /** The digest of everything absorbed so far, leaving the running state untouched. */
    public byte[] peekDigest() {
        byte[] out = new byte[DIGEST_SIZE];
        KeccakSponge.finish(state, pending, 0, pendingLength, out, 0);
        return out;
    }

    /** An independent instance with the same running state. */
    public Keccak256 copy() {
        return new Keccak256(this);
    }

    public void reset() {
        Arrays.fill(state, 0);
        pendingLength = 0;
    }
}
