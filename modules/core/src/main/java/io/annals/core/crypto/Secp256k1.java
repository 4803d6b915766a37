package io.annals.core.crypto;

import io.annals.core.types.Address;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.math.ec.ECAlgorithms;
import org.bouncycastle.math.ec.ECMultiplier;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.math.ec.custom.sec.SecP256K1Curve;
import org.bouncycastle.util.BigIntegers;

/**
 * secp256k1 on BouncyCastle: key generation, deterministic ECDSA (RFC 6979, low-s), public-key
 * recovery and ECDH. Public keys are the 64-byte uncompressed form without the 0x04 prefix, as
 * devp2p node ids and Ethereum addresses use them.
 */
public final class Secp256k1 {
    public static final int PUBLIC_KEY_SIZE = 64;
    public static final int PRIVATE_KEY_SIZE = 32;

    private static final X9ECParameters PARAMS = CustomNamedCurves.getByName("secp256k1");
    private static final ECDomainParameters CURVE =
            new ECDomainParameters(PARAMS.getCurve(), PARAMS.getG(), PARAMS.getN(), PARAMS.getH());
    private static final BigInteger N = PARAMS.getN();
    private static final BigInteger HALF_N = N.shiftRight(1);

    /** Fixed-base comb over G; BouncyCastle caches its precomputed table on the curve. */
    private static final ECMultiplier BASE_MULTIPLIER = new FixedPointCombMultiplier();

    private Secp256k1() {}

    /** The curve order n. */
    public static BigInteger order() {
        return N;
    }

    public static byte[] generatePrivateKey(SecureRandom random) {
        while (true) {
            byte[] key = new byte[PRIVATE_KEY_SIZE];
            random.nextBytes(key);
            BigInteger d = new BigInteger(1, key);
            if (d.signum() > 0 && d.compareTo(N) < 0) {
                return key;
            }
        }
    }

    public static byte[] publicKeyOf(byte[] privateKey) {
        ECPoint q = BASE_MULTIPLIER.multiply(CURVE.getG(), scalar(privateKey)).normalize();
        return encode(q);
    }

    /** The account address of a public key: the last 20 bytes of its Keccak-256. */
    public static Address addressOf(byte[] publicKey) {
        checkPublicKey(publicKey);
        byte[] hash = Keccak256.hash(publicKey);
        return Address.wrap(Arrays.copyOfRange(hash, 12, 32));
    }

    /**
     * Signs a 32-byte digest deterministically (RFC 6979 nonce with HMAC-SHA256); s is normalised
     * to the lower half of the order and the recovery id is read off the nonce point R, so signing
     * costs one fixed-base multiplication.
     */
    public static EcdsaSignature sign(byte[] digest, byte[] privateKey) {
        checkDigest(digest);
        BigInteger d = scalar(privateKey);
        BigInteger e = new BigInteger(1, digest);
        HMacDSAKCalculator nonces = new HMacDSAKCalculator(new SHA256Digest());
        nonces.init(N, d, digest);
        while (true) {
            BigInteger k = nonces.nextK();
            ECPoint nonce = BASE_MULTIPLIER.multiply(CURVE.getG(), k).normalize();
            BigInteger x = nonce.getAffineXCoord().toBigInteger();
            BigInteger r = x.mod(N);
            if (r.signum() == 0) {
                continue;
            }
            // k is secret: BouncyCastle's constant-time inversion
            BigInteger s = BigIntegers.modOddInverse(N, k).multiply(e.add(d.multiply(r))).mod(N);
            if (s.signum() == 0) {
                continue;
            }
            // recovery id: bit 0 is the parity of R.y, bit 1 says that R.x overflowed the order
            int recoveryId =
                    (nonce.getAffineYCoord().testBitZero() ? 1 : 0) | (x.compareTo(N) >= 0 ? 2 : 0);
            if (s.compareTo(HALF_N) > 0) {
                // s and n - s are both valid; -s belongs to -R, whose y has the other parity
                s = N.subtract(s);
                recoveryId ^= 1;
            }
            return new EcdsaSignature(r, s, recoveryId);
        }
    }

    /**
     * Recovers the signer's public key (SEC 1 v2, section 4.1.6). Empty when the signature is not
     * valid for any key.
     */
    public static Optional<byte[]> recoverPublicKey(byte[] digest, EcdsaSignature signature) {
        checkDigest(digest);
        return recover(digest, signature.r(), signature.s(), signature.recoveryId());
    }

    /** ECDH as RLPx uses it: the x coordinate of privateKey × publicKey, 32 bytes. */
    public static byte[] agree(byte[] privateKey, byte[] publicKey) {
        ECPoint shared = decode(publicKey).multiply(scalar(privateKey)).normalize();
        if (shared.isInfinity()) {
            throw new IllegalArgumentException("ECDH produced the point at infinity");
        }
        return to32(shared.getAffineXCoord().toBigInteger());
    }

    /** The 33-byte compressed form (SEC 1: 0x02 or 0x03, then x) of a 64-byte public key. */
    public static byte[] compress(byte[] publicKey) {
        return decode(publicKey).getEncoded(true);
    }

    /**
     * The 64-byte public key of a 33-byte compressed one.
     *
     * @throws IllegalArgumentException when the bytes are not a compressed point on the curve
     */
    public static byte[] decompress(byte[] compressed) {
        if (compressed.length != 33 || (compressed[0] != 0x02 && compressed[0] != 0x03)) {
            throw new IllegalArgumentException(
                    "a compressed public key is 33 bytes from 0x02/0x03");
        }
        try {
            ECPoint point = CURVE.getCurve().decodePoint(compressed);
            if (!point.isValid()) {
                throw new IllegalArgumentException("compressed public key is not on secp256k1");
            }
            return encode(point.normalize());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("compressed public key is not on secp256k1", e);
        }
    }

    /**
     * Verifies a signature without recovery id (r and s, as ENR's "v4" scheme carries it) against a
     * 64-byte public key. High s values are accepted, as the scheme does not forbid them.
     */
    public static boolean verify(byte[] digest, BigInteger r, BigInteger s, byte[] publicKey) {
        checkDigest(digest);
        if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(N) >= 0) {
            return false;
        }
        ECPoint q;
        try {
            q = decode(publicKey);
        } catch (IllegalArgumentException e) {
            return false;
        }
        BigInteger e = new BigInteger(1, digest);
        BigInteger w = BigIntegers.modOddInverseVar(N, s);
        BigInteger u1 = e.mod(N).multiply(w).mod(N);
        BigInteger u2 = r.multiply(w).mod(N);
        ECPoint point = ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), u1, q, u2).normalize();
        return !point.isInfinity() && point.getAffineXCoord().toBigInteger().mod(N).equals(r);
    }

    /** True when the 64 bytes are a point on the curve. */
    public static boolean isValidPublicKey(byte[] publicKey) {
        if (publicKey.length != PUBLIC_KEY_SIZE) {
            return false;
        }
        try {
            decode(publicKey);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static Optional<byte[]> recover(byte[] digest, BigInteger r, BigInteger s, int recId) {
        if (r.signum() <= 0 || r.compareTo(N) >= 0 || s.signum() <= 0 || s.compareTo(N) >= 0) {
            return Optional.empty();
        }
        BigInteger x = recId >= 2 ? r.add(N) : r;
        BigInteger prime = SecP256K1Curve.q;
        if (x.compareTo(prime) >= 0) {
            return Optional.empty();
        }
        ECPoint rPoint;
        try {
            rPoint = decompress(x, (recId & 1) == 1);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // Q = r^-1 (s R - e G). The inputs are public, so the variable-time inverse is fine.
        BigInteger e = new BigInteger(1, digest);
        BigInteger rInv = BigIntegers.modOddInverseVar(N, r);
        BigInteger u1 = N.subtract(e.mod(N)).multiply(rInv).mod(N);
        BigInteger u2 = s.multiply(rInv).mod(N);
        // For secp256k1 BouncyCastle runs this through its GLV-endomorphism multiplier: four
        // half-length scalars with interleaved wNAF, G's table precomputed once per curve.
        ECPoint q = ECAlgorithms.sumOfTwoMultiplies(CURVE.getG(), u1, rPoint, u2).normalize();
        if (q.isInfinity()) {
            return Optional.empty();
        }
        return Optional.of(encode(q));
    }

    private static ECPoint decompress(BigInteger x, boolean yOdd) {
        byte[] compressed = new byte[33];
        compressed[0] = (byte) (yOdd ? 0x03 : 0x02);
        byte[] xb = to32(x);
        System.arraycopy(xb, 0, compressed, 1, 32);
        return CURVE.getCurve().decodePoint(compressed);
    }

    private static ECPoint decode(byte[] publicKey) {
        checkPublicKey(publicKey);
        byte[] uncompressed = new byte[65];
        uncompressed[0] = 0x04;
        System.arraycopy(publicKey, 0, uncompressed, 1, 64);
        ECPoint point = CURVE.getCurve().decodePoint(uncompressed);
        if (!point.isValid()) {
            throw new IllegalArgumentException("public key is not on secp256k1");
        }
        return point;
    }

    private static byte[] encode(ECPoint point) {
        byte[] full = point.getEncoded(false);
        return Arrays.copyOfRange(full, 1, 65);
    }

    private static BigInteger scalar(byte[] privateKey) {
        if (privateKey.length != PRIVATE_KEY_SIZE) {
            throw new IllegalArgumentException(
                    "a private key is 32 bytes, got " + privateKey.length);
        }
        BigInteger d = new BigInteger(1, privateKey);
        if (d.signum() == 0 || d.compareTo(N) >= 0) {
            throw new IllegalArgumentException("private key out of range");
        }
        return d;
    }

    private static void checkDigest(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a digest is 32 bytes, got " + digest.length);
        }
    }

    private static void checkPublicKey(byte[] publicKey) {
        if (publicKey.length != PUBLIC_KEY_SIZE) {
            throw new IllegalArgumentException("a public key is 64 bytes, got " + publicKey.length);
        }
    }

    private static byte[] to32(BigInteger value) {
        byte[] raw = value.toByteArray();
        if (raw.length == 32) {
            return raw;
        }
        byte[] out = new byte[32];
        int skip = raw.length > 32 ? raw.length - 32 : 0;
        System.arraycopy(raw, skip, out, 32 - (raw.length - skip), raw.length - skip);
        return out;
    }
}
