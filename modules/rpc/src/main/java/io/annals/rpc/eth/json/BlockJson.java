package io.annals.rpc.eth.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Withdrawal;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A block as go-ethereum's {@code RPCMarshalBlock} writes it: a map, so the members come in sorted
 * order; fork fields (base fee, withdrawals root, blob gas, beacon root, requests hash, block
 * access list hash) only when the header has them; {@code withdrawals} only when the body has them;
 * no {@code totalDifficulty} (geth dropped it after the Merge).
 *
 * @param size the length of the block's RLP encoding {@code [header, transactions, ommers(,
 *     withdrawals)]}
 * @param transactions transaction hashes, or {@link TransactionJson}s for the full form
 * @param withdrawals null before Shanghai
 */
public record BlockJson(
        BlockHeader header,
        long size,
        List<?> transactions,
        List<Hash> ommerHashes,
        List<Withdrawal> withdrawals)
        implements JsonWritable {

    @Override
    public void writeTo(JsonGenerator out) throws IOException {
        BlockHeader h = header;
        out.writeStartObject();
        if (h.baseFeePerGas().isPresent()) {
            JsonOut.quantity(out, "baseFeePerGas", h.baseFeePerGas().get());
        }
        if (h.blobGasUsed().isPresent()) {
            JsonOut.quantity(out, "blobGasUsed", h.blobGasUsed().getAsLong());
        }
        writeOptionalHash(out, "blockAccessListHash", h.blockAccessListHash());
        JsonOut.quantity(out, "difficulty", h.difficulty());
        if (h.excessBlobGas().isPresent()) {
            JsonOut.quantity(out, "excessBlobGas", h.excessBlobGas().getAsLong());
        }
        JsonOut.data(out, "extraData", h.extraData());
        JsonOut.quantity(out, "gasLimit", h.gasLimit());
        JsonOut.quantity(out, "gasUsed", h.gasUsed());
        JsonOut.hash(out, "hash", h.hash());
        JsonOut.data(out, "logsBloom", h.logsBloom().unsafeArray());
        JsonOut.address(out, "miner", h.beneficiary());
        JsonOut.hash(out, "mixHash", h.mixHash());
        JsonOut.data(out, "nonce", nonceBytes(h.nonce()));
        JsonOut.quantity(out, "number", h.number());
        writeOptionalHash(out, "parentBeaconBlockRoot", h.parentBeaconBlockRoot());
        JsonOut.hash(out, "parentHash", h.parentHash());
        JsonOut.hash(out, "receiptsRoot", h.receiptsRoot());
        writeOptionalHash(out, "requestsHash", h.requestsHash());
        JsonOut.hash(out, "sha3Uncles", h.ommersHash());
        JsonOut.quantity(out, "size", size);
        JsonOut.hash(out, "stateRoot", h.stateRoot());
        JsonOut.quantity(out, "timestamp", h.timestamp());
        out.writeArrayFieldStart("transactions");
        for (Object tx : transactions) {
            if (tx instanceof Hash hash) {
                JsonOut.hash(out, hash);
            } else {
                ((JsonWritable) tx).writeTo(out);
            }
        }
        out.writeEndArray();
        JsonOut.hash(out, "transactionsRoot", h.transactionsRoot());
        JsonOut.hashes(out, "uncles", ommerHashes);
        if (withdrawals != null) {
            out.writeArrayFieldStart("withdrawals");
            for (Withdrawal w : withdrawals) {
                out.writeStartObject();
                JsonOut.quantity(out, "index", w.index());
                JsonOut.quantity(out, "validatorIndex", w.validatorIndex());
                JsonOut.address(out, "address", w.address());
                JsonOut.quantity(out, "amount", w.amountGwei());
                out.writeEndObject();
            }
            out.writeEndArray();
        }
        writeOptionalHash(out, "withdrawalsRoot", h.withdrawalsRoot());
        out.writeEndObject();
    }

    /**
     * The proof-of-work nonce is eight bytes of data, written in full ({@code types.BlockNonce}).
     */
    private static byte[] nonceBytes(long nonce) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) nonce;
            nonce >>>= 8;
        }
        return bytes;
    }

    private static void writeOptionalHash(JsonGenerator out, String name, Optional<Hash> value)
            throws IOException {
        if (value.isPresent()) {
            JsonOut.hash(out, name, value.get());
        }
    }
}
