package io.annals.rpc.eth;

import io.annals.core.types.Hash;
import io.annals.core.types.ReceiptCodec;
import io.annals.rpc.json.BlockNumberOrHash;
import io.annals.rpc.json.HexData;
import io.annals.rpc.methods.Arity;
import io.annals.rpc.methods.RpcException;
import io.annals.rpc.methods.RpcMethods;
import io.annals.store.StoredReceipt;
import io.annals.store.TransactionLocation;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The consensus encodings, as go-ethereum's {@code DebugAPI} and {@code TransactionAPI} answer them
 * ({@code internal/ethapi/api.go}): {@code debug_getRawHeader}, {@code debug_getRawBlock}, {@code
 * debug_getRawReceipts}, {@code debug_getRawTransaction} and {@code eth_getRawTransactionByHash}.
 * Everything is the stored bytes (headers, bodies and transactions are kept as received; receipts
 * are re-encoded from the compact form, which decodes to equal receipts).
 *
 * <p>geth's edge cases, kept: a block number with no block answers {@code "0x"} (an empty {@code
 * hexutil.Bytes}) or, for receipts, null; an unknown block hash answers -32000 {@code "header
 * #[...] not found"} / {@code "block #[...] not found"} with the hash printed as Go's {@code %d}
 * prints a byte array, and {@code []} for receipts; an unknown transaction answers {@code "0x"}.
 */
final class RawMethods {
    private static final String EMPTY = "0x";

    private final ChainView chain;
    private final BlockReads reads;

    RawMethods(ChainView chain, BlockReads reads) {
        this.chain = chain;
        this.reads = reads;
    }

    void register(RpcMethods.Builder methods) {
        methods.blocking(
                "debug_getRawHeader", Arity.exactly(1), p -> rawHeader(p.blockNumberOrHash(0)));
        methods.blocking(
                "debug_getRawBlock", Arity.exactly(1), p -> rawBlock(p.blockNumberOrHash(0)));
        methods.blocking(
                "debug_getRawReceipts", Arity.exactly(1), p -> rawReceipts(p.blockNumberOrHash(0)));
        methods.blocking(
                "debug_getRawTransaction", Arity.exactly(1), p -> rawTransaction(p.hash(0)));
        methods.blocking(
                "eth_getRawTransactionByHash", Arity.exactly(1), p -> rawTransaction(p.hash(0)));
    }

    private String rawHeader(BlockNumberOrHash block) {
        if (block instanceof BlockNumberOrHash.ByHash byHash) {
            return chain.store()
                    .header(byHash.hash())
                    .map(h -> HexData.encode(h.unsafeEncoding()))
                    .orElseThrow(() -> notFound("header", byHash.hash()));
        }
        OptionalLong number = number(block);
        if (number.isEmpty()) {
            return EMPTY;
        }
        return chain.store()
                .header(number.getAsLong())
                .map(h -> HexData.encode(h.unsafeEncoding()))
                .orElse(EMPTY);
    }

    private String rawBlock(BlockNumberOrHash block) {
        if (block instanceof BlockNumberOrHash.ByHash byHash) {
            return reads.block(byHash.hash())
                    .map(b -> HexData.encode(b.rlp()))
                    .orElseThrow(() -> notFound("block", byHash.hash()));
        }
        OptionalLong number = number(block);
        if (number.isEmpty()) {
            return EMPTY;
        }
        return reads.block(number.getAsLong()).map(b -> HexData.encode(b.rlp())).orElse(EMPTY);
    }

    private List<String> rawReceipts(BlockNumberOrHash block) {
        Optional<BlockReads.HeaderAndReceipts> read;
        if (block instanceof BlockNumberOrHash.ByHash byHash) {
            OptionalLong number = chain.store().blockNumber(byHash.hash());
            read =
                    number.isEmpty()
                            ? Optional.empty()
                            : reads.receipts(number.getAsLong())
                                    .filter(r -> r.header().hash().equals(byHash.hash()));
            if (read.isEmpty()) {
                return List.of(); // geth: the receipts of an unknown hash are an empty list
            }
        } else {
            OptionalLong number = number(block);
            read = number.isEmpty() ? Optional.empty() : reads.receipts(number.getAsLong());
            if (read.isEmpty()) {
                return null;
            }
        }
        return read.get().receipts().receipts().stream()
                .map(StoredReceipt::receipt)
                .map(r -> HexData.encode(ReceiptCodec.encodeConsensus(r)))
                .toList();
    }

    private String rawTransaction(Hash hash) {
        Optional<TransactionLocation> location = chain.store().transaction(hash);
        return location.map(at -> HexData.encode(at.transaction().encoding())).orElse(EMPTY);
    }

    private OptionalLong number(BlockNumberOrHash block) {
        return chain.resolve(((BlockNumberOrHash.ByNumber) block).block());
    }

    /** geth formats the hash with {@code %d}: Go prints a byte array as its decimal bytes. */
    private static RpcException notFound(String what, Hash hash) {
        StringBuilder bytes = new StringBuilder("[");
        byte[] raw = hash.unsafeArray();
        for (int i = 0; i < raw.length; i++) {
            bytes.append(i == 0 ? "" : " ").append(raw[i] & 0xff);
        }
        return RpcException.serverError(what + " #" + bytes.append(']') + " not found");
    }
}
