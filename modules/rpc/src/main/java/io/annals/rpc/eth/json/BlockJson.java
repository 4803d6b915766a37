package io.annals.rpc.eth.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Withdrawal;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A block as go-ethereum's {@code RPCMarshalBlock} writes it, or a header as {@code
 * RPCMarshalHeader} does: a map, so the members come in sorted order; fork fields (base fee,
 * withdrawals root, blob gas, beacon root, requests hash, block access list hash) only when the
 * header has them; {@code withdrawals} only when the body has them; no {@code totalDifficulty}
 * (geth dropped it after the Merge). A header has none of {@code size}, {@code transactions},
 * {@code uncles} and {@code withdrawals}; an uncle is the block geth makes of the uncle's header
 * alone ({@code types.NewBlockWithHeader}): a size, no transactions, no uncles, no withdrawals.
 *
 * @param size the length of the block's RLP encoding {@code [header, transactions, ommers(,
 *     withdrawals)]}; null for a header
 * @param transactions transaction hashes, or {@link TransactionJson}s for the full form; null to
 *     leave the member out
 * @param ommerHashes null to leave {@code uncles} out (a header)
 * @param withdrawals null before Shanghai
 */
public record BlockJson(
        BlockHeader header,
        Long size,
        List<?> transactions,
        List<Hash> ommerHashes,
        List<Withdrawal> withdrawals)
        implements JsonWritable {

    /** What {@code eth_getHeaderByNumber} answers. */
    public static BlockJson header(BlockHeader header) {
        return new BlockJson(header, null, null, null, null);
    }

    /**
     * What {@code eth_getUncleByBlockNumberAndIndex} answers: geth's block of the uncle's header
     * alone, whose size is that of {@code rlp([header, [], []])}.
     */
    public static BlockJson uncle(BlockHeader uncle) {
        long payload = uncle.unsafeEncoding().length + 2L;
        return new BlockJson(uncle, rlpListLength(payload), null, List.of(), null);
    }

    private static long rlpListLength(long payload) {
        int header = 1;
        if (payload >= 56) {
            for (long rest = payload; rest != 0; rest >>>= 8) {
                header++;
            }
        }
        return header + payload;
    }

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
        if (size != null) {
            JsonOut.quantity(out, "size", size);
        }
        JsonOut.hash(out, "stateRoot", h.stateRoot());
        JsonOut.quantity(out, "timestamp", h.timestamp());
        if (transactions != null) {
            out.writeArrayFieldStart("transactions");
            for (Object tx : transactions) {
                if (tx instanceof Hash hash) {
                    JsonOut.hash(out, hash);
                } else {
                    ((JsonWritable) tx).writeTo(out);
                }
            }
            out.writeEndArray();
        }
        JsonOut.hash(out, "transactionsRoot", h.transactionsRoot());
        if (ommerHashes != null) {
            JsonOut.hashes(out, "uncles", ommerHashes);
        }
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
