package io.annals.rpc.eth.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.annals.core.rlp.RlpException;
import io.annals.core.types.AccessListEntry;
import io.annals.core.types.AccessListTransaction;
import io.annals.core.types.Address;
import io.annals.core.types.Authorization;
import io.annals.core.types.BlobTransaction;
import io.annals.core.types.Hash;
import io.annals.core.types.LegacyTransaction;
import io.annals.core.types.SetCodeTransaction;
import io.annals.core.types.Transaction;
import io.annals.core.types.TransactionFields;
import java.io.IOException;
import java.util.List;
import java.util.OptionalLong;

/**
 * A mined transaction as go-ethereum writes it ({@code internal/ethapi} {@code RPCTransaction}):
 * the members in the struct's order, with the optional ones present exactly for the types geth sets
 * them for. {@code gasPrice} of a fee-market transaction is the price it paid in its block.
 *
 * @param hash the transaction hash as stored (not recomputed)
 * @param from the recovered sender (the zero address when no sender recovers, as in geth)
 */
public record TransactionJson(
        Transaction transaction, Hash hash, int index, BlockContext block, Address from)
        implements JsonWritable {

    @Override
    public void writeTo(JsonGenerator out) throws IOException {
        TransactionFields f;
        try {
            f = transaction.fields();
        } catch (RlpException unknownType) {
            writeUndecodable(out);
            return;
        }
        out.writeStartObject();
        JsonOut.hash(out, "blockHash", block.hash());
        JsonOut.quantity(out, "blockNumber", block.number());
        JsonOut.quantity(out, "blockTimestamp", block.timestamp());
        JsonOut.address(out, "from", from);
        JsonOut.quantity(out, "gas", f.gasLimit());
        JsonOut.quantity(out, "gasPrice", GasPrices.effective(f, block.baseFeePerGas()));
        boolean feeMarket =
                !(f instanceof LegacyTransaction) && !(f instanceof AccessListTransaction);
        if (feeMarket) {
            JsonOut.quantity(out, "maxFeePerGas", f.maxFeePerGas());
            JsonOut.quantity(out, "maxPriorityFeePerGas", f.maxPriorityFeePerGas());
        }
        if (f instanceof BlobTransaction blob) {
            JsonOut.quantity(out, "maxFeePerBlobGas", blob.maxFeePerBlobGas());
        }
        JsonOut.hash(out, "hash", hash);
        JsonOut.data(out, "input", f.input());
        JsonOut.quantity(out, "nonce", f.nonce());
        JsonOut.address(out, "to", f.to());
        JsonOut.quantity(out, "transactionIndex", index);
        JsonOut.quantity(out, "value", f.value());
        JsonOut.quantity(out, "type", transaction.type());
        if (f instanceof LegacyTransaction legacy) {
            writeLegacyTail(out, legacy);
        } else {
            writeAccessList(out, f.accessList());
            OptionalLong chainId = f.chainId();
            JsonOut.quantity(out, "chainId", chainId.orElseThrow());
            if (f instanceof BlobTransaction blob && !blob.blobVersionedHashes().isEmpty()) {
                JsonOut.hashes(out, "blobVersionedHashes", blob.blobVersionedHashes());
            }
            if (f instanceof SetCodeTransaction setCode && !setCode.authorizationList().isEmpty()) {
                writeAuthorizations(out, setCode.authorizationList());
            }
            JsonOut.quantity(out, "v", f.recoveryId());
            JsonOut.quantity(out, "r", f.r());
            JsonOut.quantity(out, "s", f.s());
            JsonOut.quantity(out, "yParity", f.recoveryId());
        }
        out.writeEndObject();
    }

    /** geth names the chain id of a legacy transaction only when its v commits to one (EIP-155). */
    private static void writeLegacyTail(JsonGenerator out, LegacyTransaction legacy)
            throws IOException {
        OptionalLong chainId = legacy.chainId();
        if (chainId.isPresent() && chainId.getAsLong() != 0) {
            JsonOut.quantity(out, "chainId", chainId.getAsLong());
        }
        JsonOut.quantity(out, "v", legacy.v());
        JsonOut.quantity(out, "r", legacy.r());
        JsonOut.quantity(out, "s", legacy.s());
    }

    static void writeAccessList(JsonGenerator out, List<AccessListEntry> accessList)
            throws IOException {
        out.writeArrayFieldStart("accessList");
        for (AccessListEntry entry : accessList) {
            out.writeStartObject();
            JsonOut.address(out, "address", entry.address());
            JsonOut.hashes(out, "storageKeys", entry.storageKeys());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    private static void writeAuthorizations(JsonGenerator out, List<Authorization> authorizations)
            throws IOException {
        out.writeArrayFieldStart("authorizationList");
        for (Authorization a : authorizations) {
            out.writeStartObject();
            JsonOut.quantity(out, "chainId", a.chainId());
            JsonOut.address(out, "address", a.address());
            JsonOut.quantity(out, "nonce", a.nonce());
            JsonOut.quantity(out, "yParity", a.yParity());
            JsonOut.quantity(out, "r", a.r());
            JsonOut.quantity(out, "s", a.s());
            out.writeEndObject();
        }
        out.writeEndArray();
    }

    /**
     * A transaction of a type from a fork this code does not know: what is known of it without its
     * fields. geth never meets one (it cannot import the block); a history node may.
     */
    private void writeUndecodable(JsonGenerator out) throws IOException {
        out.writeStartObject();
        JsonOut.hash(out, "blockHash", block.hash());
        JsonOut.quantity(out, "blockNumber", block.number());
        JsonOut.quantity(out, "blockTimestamp", block.timestamp());
        JsonOut.hash(out, "hash", hash);
        JsonOut.quantity(out, "transactionIndex", index);
        JsonOut.quantity(out, "type", transaction.type());
        out.writeEndObject();
    }
}
