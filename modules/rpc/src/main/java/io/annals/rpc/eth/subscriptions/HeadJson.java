package io.annals.rpc.eth.subscriptions;

import com.fasterxml.jackson.core.JsonGenerator;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.rpc.eth.json.JsonOut;
import io.annals.rpc.eth.json.JsonWritable;
import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A {@code newHeads} notification as geth sends it: the header as {@code types.Header} marshals
 * itself ({@code core/types/gen_header_json.go}), members in the struct's order with the hash last,
 * and fork fields the header lacks as {@code null} (they have no {@code omitempty}). {@code
 * slotNumber} is a field no header stored here has.
 */
record HeadJson(BlockHeader header) implements JsonWritable {

    @Override
    public void writeTo(JsonGenerator out) throws IOException {
        BlockHeader h = header;
        out.writeStartObject();
        JsonOut.hash(out, "parentHash", h.parentHash());
        JsonOut.hash(out, "sha3Uncles", h.ommersHash());
        JsonOut.address(out, "miner", h.beneficiary());
        JsonOut.hash(out, "stateRoot", h.stateRoot());
        JsonOut.hash(out, "transactionsRoot", h.transactionsRoot());
        JsonOut.hash(out, "receiptsRoot", h.receiptsRoot());
        JsonOut.data(out, "logsBloom", h.logsBloom().unsafeArray());
        JsonOut.quantity(out, "difficulty", h.difficulty());
        JsonOut.quantity(out, "number", h.number());
        JsonOut.quantity(out, "gasLimit", h.gasLimit());
        JsonOut.quantity(out, "gasUsed", h.gasUsed());
        JsonOut.quantity(out, "timestamp", h.timestamp());
        JsonOut.data(out, "extraData", h.extraData());
        JsonOut.hash(out, "mixHash", h.mixHash());
        JsonOut.data(out, "nonce", nonce(h.nonce()));
        JsonOut.quantity(out, "baseFeePerGas", h.baseFeePerGas().orElse(null));
        optionalHash(out, "withdrawalsRoot", h.withdrawalsRoot());
        optionalQuantity(out, "blobGasUsed", h.blobGasUsed());
        optionalQuantity(out, "excessBlobGas", h.excessBlobGas());
        optionalHash(out, "parentBeaconBlockRoot", h.parentBeaconBlockRoot());
        optionalHash(out, "requestsHash", h.requestsHash());
        optionalHash(out, "blockAccessListHash", h.blockAccessListHash());
        out.writeNullField("slotNumber");
        JsonOut.hash(out, "hash", h.hash());
        out.writeEndObject();
    }

    private static void optionalHash(JsonGenerator out, String name, Optional<Hash> value)
            throws IOException {
        if (value.isPresent()) {
            JsonOut.hash(out, name, value.get());
        } else {
            out.writeNullField(name);
        }
    }

    private static void optionalQuantity(JsonGenerator out, String name, OptionalLong value)
            throws IOException {
        if (value.isPresent()) {
            JsonOut.quantity(out, name, value.getAsLong());
        } else {
            out.writeNullField(name);
        }
    }

    private static byte[] nonce(long nonce) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) nonce;
            nonce >>>= 8;
        }
        return bytes;
    }
}
