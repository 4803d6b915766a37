package io.annals.core.crypto;

/**
 * Keccak-f[1600] over {@link #lanes()} independent states at once. The state array holds {@code 25
 * * lanes()} words, word-major: word w (= x + 5y) of lane l is at {@code w * lanes() + l}.
 */
interface KeccakLanes {
    int lanes();

    /** Applies the permutation to every lane's state in place. */
    void permute(long[] state);
}
