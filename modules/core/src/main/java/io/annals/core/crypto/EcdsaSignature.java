package io.annals.core.crypto;

import java.math.BigInteger;

/**
 * A secp256k1 ECDSA signature with its recovery id (0 or 1: the parity of R's y coordinate), the
 * form Ethereum transactions and devp2p messages carry.
 */
public record EcdsaSignature(BigInteger r, BigInteger s, int recoveryId) {
    public EcdsaSignature {
        if (r.signum() <= 0 || s.signum() <= 0) {
            throw new IllegalArgumentException("r and s must be positive");
        }
        if (recoveryId < 0 || recoveryId > 3) {
            throw new IllegalArgumentException("recovery id must be 0..3, got " + recoveryId);
        }
    }

    /** The 65-byte form r ‖ s ‖ v with v = recovery id, as used in RLPx auth messages. */
    public byte[] toBytes65() {
        byte[] out = new byte[65];
        copy32(r, out, 0);
        copy32(s, out, 32);
        out[64] = (byte) recoveryId;
        return out;
    }

    public static EcdsaSignature fromBytes65(byte[] bytes) {
        if (bytes.length != 65) {
            throw new IllegalArgumentException(
                    "a recoverable signature is 65 bytes, got " + bytes.length);
        }
        return new EcdsaSignature(
                new BigInteger(1, java.util.Arrays.copyOfRange(bytes, 0, 32)),
                new BigInteger(1, java.util.Arrays.copyOfRange(bytes, 32, 64)),
                bytes[64] & 0xff);
    }

    private static void copy32(BigInteger value, byte[] out, int offset) {
        byte[] raw = value.toByteArray();
        int skip = raw.length > 32 ? raw.length - 32 : 0;
        int len = raw.length - skip;
        System.arraycopy(raw, skip, out, offset + 32 - len, len);
    }
}
