package io.annals.p2p.rlpx;

import io.annals.core.crypto.Secp256k1;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * ECIES on secp256k1 as the RLPx handshake uses it (<a
 * href="https://github.com/ethereum/devp2p/blob/master/rlpx.md#ecies-encryption">rlpx.md, ECIES
 * Encryption</a>): ECDH with a fresh key, the NIST SP 800-56 concatenation KDF over SHA-256,
 * AES-128-CTR and HMAC-SHA-256 over {@code iv || ciphertext || shared-mac-data}. Since EIP-8 the
 * shared MAC data is the packet's 2-byte size prefix.
 *
 * <p>Ciphertext layout: {@code 0x04 || R (64) || iv (16) || c || tag (32)}.
 */
public final class Ecies {
    /** Bytes added to a plaintext: the uncompressed ephemeral key, the IV and the tag. */
    public static final int OVERHEAD = 65 + 16 + 32;

    private static final int IV_SIZE = 16;
    private static final int TAG_SIZE = 32;

    private Ecies() {}

    public static byte[] encrypt(
            byte[] recipientPublicKey,
            byte[] plaintext,
            byte[] sharedMacData,
            SecureRandom random) {
        byte[] ephemeralKey = Secp256k1.generatePrivateKey(random);
        byte[] iv = new byte[IV_SIZE];
        random.nextBytes(iv);
        return encrypt(recipientPublicKey, plaintext, sharedMacData, ephemeralKey, iv);
    }

    /** Deterministic form, for test vectors: the caller supplies the ephemeral key and the IV. */
    static byte[] encrypt(
            byte[] recipientPublicKey,
            byte[] plaintext,
            byte[] sharedMacData,
            byte[] ephemeralKey,
            byte[] iv) {
        byte[] shared = Secp256k1.agree(ephemeralKey, recipientPublicKey);
        byte[] keys = concatKdf(shared);
        byte[] out = new byte[OVERHEAD + plaintext.length];
        out[0] = 0x04;
        System.arraycopy(Secp256k1.publicKeyOf(ephemeralKey), 0, out, 1, 64);
        System.arraycopy(iv, 0, out, 65, IV_SIZE);
        try {
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(
                    Cipher.ENCRYPT_MODE,
                    new SecretKeySpec(keys, 0, 16, "AES"),
                    new IvParameterSpec(iv));
            aes.doFinal(plaintext, 0, plaintext.length, out, 65 + IV_SIZE);
            byte[] tag = tag(keys, out, 65, IV_SIZE + plaintext.length, sharedMacData);
            System.arraycopy(tag, 0, out, out.length - TAG_SIZE, TAG_SIZE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES-CTR or HMAC-SHA256", e);
        }
        return out;
    }

    /**
     * Decrypts {@code length} bytes at {@code offset} with our static key.
     *
     * @throws HandshakeException when the data is too short, its key is not on the curve or the tag
     *     does not verify
     */
    public static byte[] decrypt(
            byte[] privateKey, byte[] data, int offset, int length, byte[] sharedMacData) {
        if (length < OVERHEAD) {
            throw new HandshakeException(
                    "ECIES message of " + length + " bytes is shorter than its overhead");
        }
        if (data[offset] != 0x04) {
            throw new HandshakeException(
                    "ECIES message does not start with an uncompressed public key");
        }
        byte[] ephemeralPublic = Arrays.copyOfRange(data, offset + 1, offset + 65);
        if (!Secp256k1.isValidPublicKey(ephemeralPublic)) {
            throw new HandshakeException("ECIES ephemeral key is not on secp256k1");
        }
        byte[] keys = concatKdf(Secp256k1.agree(privateKey, ephemeralPublic));
        int ivAndCipherLength = length - 65 - TAG_SIZE;
        try {
            byte[] expected = tag(keys, data, offset + 65, ivAndCipherLength, sharedMacData);
            byte[] actual = Arrays.copyOfRange(data, offset + length - TAG_SIZE, offset + length);
            if (!MessageDigest.isEqual(expected, actual)) {
                throw new HandshakeException("ECIES tag does not verify");
            }
            Cipher aes = Cipher.getInstance("AES/CTR/NoPadding");
            aes.init(
                    Cipher.DECRYPT_MODE,
                    new SecretKeySpec(keys, 0, 16, "AES"),
                    new IvParameterSpec(data, offset + 65, IV_SIZE));
            return aes.doFinal(data, offset + 65 + IV_SIZE, ivAndCipherLength - IV_SIZE);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES-CTR or HMAC-SHA256", e);
        }
    }

    /** k_E (16 bytes) || k_M (16 bytes) = KDF(S, 32): one round of SHA-256(counter=1 || S). */
    private static byte[] concatKdf(byte[] sharedSecret) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(new byte[] {0, 0, 0, 1});
            sha256.update(sharedSecret);
            return sha256.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** HMAC-SHA-256 keyed with sha256(k_M) over iv || c || shared-mac-data. */
    private static byte[] tag(
            byte[] keys, byte[] data, int offset, int length, byte[] sharedMacData)
            throws GeneralSecurityException {
        byte[] macKey =
                MessageDigest.getInstance("SHA-256").digest(Arrays.copyOfRange(keys, 16, 32));
        Mac hmac = Mac.getInstance("HmacSHA256");
        hmac.init(new SecretKeySpec(macKey, "HmacSHA256"));
        hmac.update(data, offset, length);
        hmac.update(sharedMacData);
        return hmac.doFinal();
    }
}
