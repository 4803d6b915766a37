package io.annals.core.types;

import io.annals.core.crypto.EcdsaSignature;
import io.annals.core.crypto.Keccak256;
import io.annals.core.crypto.Secp256k1;
import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.rlp.RlpWriter;
import java.math.BigInteger;
import java.util.OptionalLong;

/**
 * Signing hashes, sender recovery and signing.
 *
 * <p>The signing hash is taken from the transaction's own bytes, not from a re-encoding: the
 * unsigned payload is the raw run of fields before the signature, wrapped in a new list header.
 *
 * <ul>
 *   <li>legacy before EIP-155: {@code keccak(rlp([nonce, gasPrice, gas, to, value, input]))};
 *   <li>legacy with EIP-155: {@code keccak(rlp([nonce, gasPrice, gas, to, value, input, chainId, 0,
 *       0]))};
 *   <li>typed: {@code keccak(type || rlp([fields without yParity, r, s]))}.
 * </ul>
 */
public final class TransactionSigner {
    private static final int SIGNATURE_FIELDS = 3;
    private static final int LEGACY_UNSIGNED_FIELDS = 6;

    private TransactionSigner() {}

    public static Hash signingHash(Transaction tx) {
        byte[] e = tx.encoding(); // positions below count from its start
        int type = tx.type();
        if (type != 0 && TransactionType.of(type).isEmpty()) {
            throw new RlpException("unknown transaction type " + type, 0);
        }
        RlpReader fields =
                type == 0 ? RlpReader.list(e) : RlpReader.of(e, 1, e.length - 1).readList();
        int start = fields.position();
        int[] ends = new int[32];
        int count = 0;
        while (fields.hasNext()) {
            fields.skip();
            if (count == ends.length) {
                throw new RlpException("too many transaction fields", fields.position());
            }
            ends[count++] = fields.position();
        }
        RlpWriter w = new RlpWriter(e.length + 16);
        if (type != 0) {
            w.writeRaw(new byte[] {(byte) type});
        }
        int mark = w.startList();
        if (type == 0) {
            w.writeRaw(e, start, ends[LEGACY_UNSIGNED_FIELDS - 1] - start);
            OptionalLong chainId = ((LegacyTransaction) tx.fields()).chainId();
            if (chainId.isPresent()) {
                w.writeLong(chainId.getAsLong()).writeLong(0).writeLong(0);
            }
        } else {
            if (count <= SIGNATURE_FIELDS) {
                throw new RlpException("typed transaction has too few fields", start);
            }
            w.writeRaw(e, start, ends[count - SIGNATURE_FIELDS - 1] - start);
        }
        w.endList(mark);
        return Keccak256.hashOf(w.toByteArray());
    }

    /**
     * The sender's address.
     *
     * @throws InvalidSignatureException when the signature does not yield a public key
     */
    public static Address recoverSender(Transaction tx) {
        TransactionFields f = tx.fields();
        BigInteger r = f.r();
        BigInteger s = f.s();
        if (r.signum() <= 0
                || s.signum() <= 0
                || r.compareTo(Secp256k1.order()) >= 0
                || s.compareTo(Secp256k1.order()) >= 0) {
            throw new InvalidSignatureException("signature scalars out of range in " + tx.hash());
        }
        EcdsaSignature signature = new EcdsaSignature(r, s, f.recoveryId());
        byte[] publicKey =
                Secp256k1.recoverPublicKey(signingHash(tx).unsafeArray(), signature)
                        .orElseThrow(
                                () ->
                                        new InvalidSignatureException(
                                                "no public key recovers from " + tx.hash()));
        return Secp256k1.addressOf(publicKey);
    }

    /** Signs {@code unsigned} (its signature fields are ignored) with {@code privateKey}. */
    public static Transaction sign(TransactionFields unsigned, byte[] privateKey) {
        Transaction draft =
                unsigned.withSignature(0, BigInteger.ZERO, BigInteger.ZERO).toTransaction();
        EcdsaSignature sig = Secp256k1.sign(signingHash(draft).unsafeArray(), privateKey);
        return unsigned.withSignature(sig.recoveryId(), sig.r(), sig.s()).toTransaction();
    }
}
