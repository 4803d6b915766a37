package io.annals.rpc.eth;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.rpc.eth.json.BlockJson;
import io.annals.rpc.json.BlockNumberOrTag;
import io.annals.rpc.json.Quantity;
import io.annals.rpc.methods.Arity;
import io.annals.rpc.methods.RpcMethods;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Headers and uncles as go-ethereum answers them ({@code internal/ethapi/api.go}): {@code
 * eth_getHeaderByNumber} / {@code ByHash} ({@code RPCMarshalHeader}), {@code
 * eth_getUncleCountByBlockNumber} / {@code ByHash}, {@code eth_getUncleByBlockNumberAndIndex} /
 * {@code ByBlockHashAndIndex} (the uncle's header as a block of its own, {@code
 * RPCMarshalBlock(NewBlockWithHeader(uncle), false, false)}). Unknown blocks and indices answer
 * null, as in geth.
 */
final class HeaderMethods {
    private final ChainView chain;
    private final BlockReads reads;

    HeaderMethods(ChainView chain, BlockReads reads) {
        this.chain = chain;
        this.reads = reads;
    }

    void register(RpcMethods.Builder methods) {
        methods.blocking(
                "eth_getHeaderByNumber",
                Arity.exactly(1),
                p -> header(chain.resolve(p.blockNumberOrTag(0))));
        methods.blocking(
                "eth_getHeaderByHash",
                Arity.exactly(1),
                p -> chain.store().header(p.hash(0)).map(BlockJson::header).orElse(null));
        methods.blocking(
                "eth_getUncleCountByBlockNumber",
                Arity.exactly(1),
                p -> uncleCount(byNumber(p.blockNumberOrTag(0))));
        methods.blocking(
                "eth_getUncleCountByBlockHash",
                Arity.exactly(1),
                p -> uncleCount(reads.block(p.hash(0))));
        methods.blocking(
                "eth_getUncleByBlockNumberAndIndex",
                Arity.exactly(2),
                p -> {
                    BlockNumberOrTag block = p.blockNumberOrTag(0);
                    long index = p.uint64(1);
                    return uncle(byNumber(block), index);
                });
        methods.blocking(
                "eth_getUncleByBlockHashAndIndex",
                Arity.exactly(2),
                p -> {
                    Hash hash = p.hash(0);
                    long index = p.uint64(1);
                    return uncle(reads.block(hash), index);
                });
    }

    private BlockJson header(OptionalLong number) {
        if (number.isEmpty()) {
            return null;
        }
        return chain.store().header(number.getAsLong()).map(BlockJson::header).orElse(null);
    }

    private Optional<StoredBlock> byNumber(BlockNumberOrTag block) {
        OptionalLong number = chain.resolve(block);
        return number.isEmpty() ? Optional.empty() : reads.block(number.getAsLong());
    }

    private static String uncleCount(Optional<StoredBlock> block) {
        return block.map(b -> Quantity.encode(b.body().ommers().size())).orElse(null);
    }

    private static BlockJson uncle(Optional<StoredBlock> block, long index) {
        if (block.isEmpty()) {
            return null;
        }
        List<BlockHeader> uncles = block.get().body().ommers();
        return index < uncles.size() ? BlockJson.uncle(uncles.get((int) index)) : null;
    }
}
