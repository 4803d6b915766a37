package io.annals.rpc.eth.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.annals.core.crypto.Keccak256;
import io.annals.core.rlp.RlpException;
import io.annals.core.rlp.RlpWriter;
import io.annals.core.types.Address;
import io.annals.core.types.BlobTransaction;
import io.annals.core.types.Receipt;
import io.annals.core.types.Transaction;
import io.annals.core.types.TransactionFields;
import io.annals.store.LogEntry;
import io.annals.store.StoredReceipt;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A receipt as go-ethereum's {@code MarshalReceipt} writes it: a map, so its members come in sorted
 * order; {@code root} (the post-state root before Byzantium) or {@code status}; {@code
 * contractAddress} for a creation ({@code keccak(rlp([sender, nonce]))[12:]}), else null; {@code
 * blobGasUsed} and {@code blobGasPrice} for blob transactions only.
 *
 * @param from the recovered sender of the transaction
 * @param blobGasPrice the block's blob base fee (EIP-4844), or null before Cancun
 */
public record ReceiptJson(
        StoredReceipt receipt,
        Transaction transaction,
        BlockContext block,
        Address from,
        BigInteger blobGasPrice)
        implements JsonWritable {
    /** EIP-4844's {@code GAS_PER_BLOB}. */
    public static final long GAS_PER_BLOB = 1 << 17;

    @Override
    public void writeTo(JsonGenerator out) throws IOException {
        TransactionFields f = fieldsOrNull(transaction);
        Receipt r = receipt.receipt();
        out.writeStartObject();
        if (f instanceof BlobTransaction blob) {
            JsonOut.quantity(out, "blobGasPrice", blobGasPrice);
            JsonOut.quantity(out, "blobGasUsed", GAS_PER_BLOB * blob.blobVersionedHashes().size());
        }
        JsonOut.hash(out, "blockHash", block.hash());
        JsonOut.quantity(out, "blockNumber", block.number());
        JsonOut.address(
                out,
                "contractAddress",
                f != null && f.to() == null ? createdAddress(from, f.nonce()) : null);
        JsonOut.quantity(out, "cumulativeGasUsed", r.cumulativeGasUsed());
        JsonOut.quantity(
                out,
                "effectiveGasPrice",
                f == null ? null : GasPrices.effective(f, block.baseFeePerGas()));
        JsonOut.address(out, "from", from);
        JsonOut.quantity(out, "gasUsed", receipt.gasUsed());
        out.writeArrayFieldStart("logs");
        for (LogEntry log : receipt.logs()) {
            LogJson.of(log).writeTo(out);
        }
        out.writeEndArray();
        JsonOut.data(out, "logsBloom", r.bloom().unsafeArray());
        if (r.hasStatus()) {
            JsonOut.quantity(out, "status", r.success() ? 1 : 0);
        } else {
            JsonOut.hash(out, "root", r.postStateRoot());
        }
        JsonOut.address(out, "to", f == null ? null : f.to());
        JsonOut.hash(out, "transactionHash", receipt.transactionHash());
        JsonOut.quantity(out, "transactionIndex", receipt.transactionIndex());
        JsonOut.quantity(out, "type", transaction.type());
        out.writeEndObject();
    }

    /**
     * The address a creation deploys to: the last 20 bytes of {@code keccak(rlp([sender, nonce]))}
     * (yellow paper, equation 86).
     */
    public static Address createdAddress(Address sender, long nonce) {
        RlpWriter w = new RlpWriter(32);
        int mark = w.startList();
        w.writeAddress(sender).writeLong(nonce);
        w.endList(mark);
        byte[] hash = Keccak256.hash(w.toByteArray());
        return Address.wrap(Arrays.copyOfRange(hash, 12, 32));
    }

    private static TransactionFields fieldsOrNull(Transaction transaction) {
        try {
            return transaction.fields();
        } catch (RlpException unknownType) {
            return null;
        }
    }
}
