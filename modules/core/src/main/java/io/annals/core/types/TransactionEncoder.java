package io.annals.core.types;

import io.annals.core.rlp.RlpWriter;
import io.annals.core.util.Bytes;

/**
 * Encodes {@link TransactionFields} in the canonical form: legacy RLP list, typed {@code type ||
 * rlp(...)}.
 */
final class TransactionEncoder {
    private TransactionEncoder() {}

    static byte[] encode(TransactionFields fields) {
        RlpWriter w = new RlpWriter(fields.input().length() + 256);
        if (fields.type() != TransactionType.LEGACY) {
            w.writeRaw(new byte[] {(byte) fields.type().code()});
        }
        int mark = w.startList();
        if (fields instanceof LegacyTransaction t) {
            w.writeLong(t.nonce()).writeBigInteger(t.gasPrice()).writeLong(t.gasLimit());
            writeTo(w, t.to());
            w.writeBigInteger(t.value()).writeBytes(t.input()).writeBigInteger(t.v());
        } else if (fields instanceof AccessListTransaction t) {
            w.writeLong(t.chainIdValue())
                    .writeLong(t.nonce())
                    .writeBigInteger(t.gasPrice())
                    .writeLong(t.gasLimit());
            writeTo(w, t.to());
            w.writeBigInteger(t.value()).writeBytes(t.input());
            AccessListEntry.writeList(w, t.accessList());
            w.writeLong(t.yParity());
        } else if (fields instanceof DynamicFeeTransaction t) {
            writeFeeMarketPrefix(w, t);
            w.writeLong(t.yParity());
        } else if (fields instanceof BlobTransaction t) {
            writeFeeMarketPrefix(w, t);
            w.writeBigInteger(t.maxFeePerBlobGas());
            int hashes = w.startList();
            t.blobVersionedHashes().forEach(w::writeHash);
            w.endList(hashes);
            w.writeLong(t.yParity());
        } else if (fields instanceof SetCodeTransaction t) {
            writeFeeMarketPrefix(w, t);
            Authorization.writeList(w, t.authorizationList());
            w.writeLong(t.yParity());
        } else {
            throw new IllegalArgumentException("unknown transaction fields " + fields.getClass());
        }
        w.writeBigInteger(fields.r()).writeBigInteger(fields.s());
        w.endList(mark);
        return w.toByteArray();
    }

    /** chainId .. accessList, shared by the EIP-1559 family (types 2, 3 and 4). */
    private static void writeFeeMarketPrefix(RlpWriter w, TransactionFields t) {
        w.writeLong(t.chainId().orElseThrow())
                .writeLong(t.nonce())
                .writeBigInteger(t.maxPriorityFeePerGas())
                .writeBigInteger(t.maxFeePerGas())
                .writeLong(t.gasLimit());
        writeTo(w, t.to());
        w.writeBigInteger(t.value()).writeBytes(t.input());
        AccessListEntry.writeList(w, t.accessList());
    }

    private static void writeTo(RlpWriter w, Address to) {
        if (to == null) {
            w.writeBytes(Bytes.EMPTY);
        } else {
            w.writeAddress(to);
        }
    }
}
