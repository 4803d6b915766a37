package io.annals.core.types;

import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpReader;
import io.annals.core.util.ByteSlice;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Decodes the fields of a {@link Transaction}'s canonical encoding, per envelope type. */
final class TransactionDecoder {
    private TransactionDecoder() {}

    static TransactionFields decode(int type, ByteSlice encoding) {
        if (type == 0) {
            RlpReader top = RlpReader.of(encoding);
            RlpReader f = top.readList();
            top.ensureEnd();
            return legacy(f);
        }
        RlpReader top =
                RlpReader.of(encoding.array(), encoding.offset() + 1, encoding.length() - 1);
        RlpReader f = top.readList();
        top.ensureEnd();
        TransactionFields fields =
                switch (type) {
                    case 1 -> accessList(f);
                    case 2 -> dynamicFee(f);
                    case 3 -> blob(f);
                    case 4 -> setCode(f);
                    default -> throw new RlpException("unknown transaction type " + type, 0);
                };
        f.ensureEnd();
        return fields;
    }

    private static LegacyTransaction legacy(RlpReader f) {
        LegacyTransaction t =
                new LegacyTransaction(
                        f.readLong(),
                        f.readUInt256(),
                        f.readLong(),
                        readTo(f),
                        f.readUInt256(),
                        f.readSlice(),
                        f.readUInt256(),
                        f.readUInt256(),
                        f.readUInt256());
        f.ensureEnd();
        return t;
    }

    private static AccessListTransaction accessList(RlpReader f) {
        return new AccessListTransaction(
                f.readLong(),
                f.readLong(),
                f.readUInt256(),
                f.readLong(),
                readTo(f),
                f.readUInt256(),
                f.readSlice(),
                AccessListEntry.readList(f),
                readParity(f),
                f.readUInt256(),
                f.readUInt256());
    }

    private static DynamicFeeTransaction dynamicFee(RlpReader f) {
        return new DynamicFeeTransaction(
                f.readLong(),
                f.readLong(),
                f.readUInt256(),
                f.readUInt256(),
                f.readLong(),
                readTo(f),
                f.readUInt256(),
                f.readSlice(),
                AccessListEntry.readList(f),
                readParity(f),
                f.readUInt256(),
                f.readUInt256());
    }

    private static BlobTransaction blob(RlpReader f) {
        long chainId = f.readLong();
        long nonce = f.readLong();
        BigInteger maxPriority = f.readUInt256();
        BigInteger maxFee = f.readUInt256();
        long gas = f.readLong();
        Address to = readRequiredTo(f);
        BigInteger value = f.readUInt256();
        ByteSlice input = f.readSlice();
        List<AccessListEntry> accessList = AccessListEntry.readList(f);
        BigInteger maxFeePerBlobGas = f.readUInt256();
        int at = f.position();
        RlpReader hashes = f.readList();
        List<Hash> blobHashes = new ArrayList<>();
        while (hashes.hasNext()) {
            DecodeLimits.checkCount(
                    blobHashes.size() + 1, DecodeLimits.MAX_BLOB_HASHES, "blob hashes", at);
            blobHashes.add(hashes.readHash());
        }
        return new BlobTransaction(
                chainId,
                nonce,
                maxPriority,
                maxFee,
                gas,
                to,
                value,
                input,
                accessList,
                maxFeePerBlobGas,
                blobHashes,
                readParity(f),
                f.readUInt256(),
                f.readUInt256());
    }

    private static SetCodeTransaction setCode(RlpReader f) {
        return new SetCodeTransaction(
                f.readLong(),
                f.readLong(),
                f.readUInt256(),
                f.readUInt256(),
                f.readLong(),
                readRequiredTo(f),
                f.readUInt256(),
                f.readSlice(),
                AccessListEntry.readList(f),
                Authorization.readList(f),
                readParity(f),
                f.readUInt256(),
                f.readUInt256());
    }

    /** The recipient: empty for a contract creation, else 20 bytes. */
    private static Address readTo(RlpReader f) {
        int at = f.position();
        ByteSlice to = f.readSlice();
        if (to.isEmpty()) {
            return null;
        }
        if (to.length() != Address.SIZE) {
            throw new RlpException("recipient must be empty or 20 bytes, got " + to.length(), at);
        }
        return Address.wrap(to.toArray());
    }

    private static Address readRequiredTo(RlpReader f) {
        int at = f.position();
        Address to = readTo(f);
        if (to == null) {
            throw new RlpException(
                    "this transaction type cannot create a contract: recipient is empty", at);
        }
        return to;
    }

    private static int readParity(RlpReader f) {
        int at = f.position();
        long parity = f.readLong();
        if (parity != 0 && parity != 1) {
            throw new RlpException(
                    "yParity must be 0 or 1, got " + Long.toUnsignedString(parity), at);
        }
        return (int) parity;
    }
}
