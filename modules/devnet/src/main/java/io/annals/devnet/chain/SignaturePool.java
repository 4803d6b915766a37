package io.annals.devnet.chain;

import io.annals.core.crypto.Secp256k1;
import java.math.BigInteger;

/**
 * Signatures without signing. Real ECDSA costs about 90 µs a signature here, and a mainnet-shaped
 * chain of 20,000 blocks holds 3.5 million transactions, so the generator does not sign. Instead
 * every signature is built to be <em>recoverable</em>: {@code r} is the x coordinate of a point on
 * secp256k1 (below the group order) and {@code s} lies in the low half of the order (EIP-2). For
 * any message, public-key recovery then yields {@code Q = r^-1 (s R - e G)}, a valid key, so {@code
 * Transaction.sender()} returns a deterministic, pseudo-random sender, as an RPC layer shows it.
 * Nobody holds that sender's private key and the signature proves nothing: a history node never
 * verifies signatures, and this keeps generation to the cost of hashing.
 *
 * <p>A pool of valid {@code r} values is found once per seed (half of all x coordinates are on the
 * curve: Euler's criterion on {@code x^3 + 7}); {@code s} is fresh random bytes for each signature.
 */
final class SignaturePool {
    private static final BigInteger P =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F", 16);
    private static final BigInteger EULER_EXPONENT = P.subtract(BigInteger.ONE).shiftRight(1);
    private static final BigInteger SEVEN = BigInteger.valueOf(7);
    private static final int POOL_SIZE = 512;

    private final byte[][] rValues = new byte[POOL_SIZE][];

    SignaturePool(long seed) {
        SplitMix random = SplitMix.of(seed, 0x736967L);
        BigInteger order = Secp256k1.order();
        int found = 0;
        while (found < POOL_SIZE) {
            byte[] candidate = random.nextBytes(32);
            if (candidate[0] == 0) {
                continue;
            }
            BigInteger x = new BigInteger(1, candidate);
            if (x.compareTo(order) < 0 && isOnCurve(x)) {
                rValues[found++] = candidate;
            }
        }
    }

    /** Whether some y satisfies y^2 = x^3 + 7 (mod p). */
    static boolean isOnCurve(BigInteger x) {
        BigInteger rhs = x.pow(3).add(SEVEN).mod(P);
        return rhs.signum() == 0 || rhs.modPow(EULER_EXPONENT, P).equals(BigInteger.ONE);
    }

    /** A valid r: 32 bytes, no leading zero (canonical as an RLP integer). */
    byte[] r(SplitMix random) {
        return rValues[random.nextInt(POOL_SIZE)];
    }

    /** A fresh low s: 32 bytes, first byte 0x40..0x7e, so 2^254 <= s < n/2 and canonical. */
    static void s(SplitMix random, byte[] out) {
        random.nextBytes(out, 0, 32);
        out[0] = (byte) (0x40 + random.nextInt(0x3f));
    }
}
