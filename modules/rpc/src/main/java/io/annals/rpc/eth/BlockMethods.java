package io.annals.rpc.eth;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Transaction;
import io.annals.rpc.eth.json.AnswerCache;
import io.annals.rpc.eth.json.BlockContext;
import io.annals.rpc.eth.json.BlockJson;
import io.annals.rpc.eth.json.JsonWritable;
import io.annals.rpc.eth.json.TransactionJson;
import io.annals.rpc.json.BlockNumberOrTag;
import io.annals.rpc.json.Quantity;
import io.annals.rpc.methods.Arity;
import io.annals.rpc.methods.RpcMethods;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;

/**
 * {@code eth_blockNumber}, {@code eth_getBlockByNumber}, {@code eth_getBlockByHash} and the block
 * transaction counts, with geth's result shapes: a block Annals has not stored answers null, one
 * below the configured start block answers 4444.
 */
final class BlockMethods {
    private final ChainView chain;
    private final BlockReads reads;
    private final AnswerCache cache;

    BlockMethods(ChainView chain, BlockReads reads, AnswerCache cache) {
        this.chain = chain;
        this.reads = reads;
        this.cache = cache;
    }

    void register(RpcMethods.Builder methods) {
        // the head is an in-memory value of the store: no need for the blocking pool
        methods.async(
                "eth_blockNumber",
                Arity.none(),
                p -> CompletableFuture.completedFuture(Quantity.encode(chain.blockNumber())));
        // as geth, every parameter is parsed before anything is looked up
        methods.blocking(
                "eth_getBlockByNumber",
                Arity.exactly(2),
                p -> {
                    BlockNumberOrTag block = p.blockNumberOrTag(0);
                    boolean full = p.bool(1);
                    return byNumber(chain.resolve(block), full);
                });
        methods.blocking(
                "eth_getBlockByHash",
                Arity.exactly(2),
                p -> {
                    Hash hash = p.hash(0);
                    boolean full = p.bool(1);
                    OptionalLong number = chain.store().blockNumber(hash);
                    return number.isEmpty() ? null : answer(hash, number.getAsLong(), full);
                });
        methods.blocking(
                "eth_getBlockTransactionCountByNumber",
                Arity.exactly(1),
                p -> transactionCount(chain.resolve(p.blockNumberOrTag(0))));
        methods.blocking(
                "eth_getBlockTransactionCountByHash",
                Arity.exactly(1),
                p ->
                        reads.block(p.hash(0))
                                .map(b -> Quantity.encode(b.transactionHashes().size()))
                                .orElse(null));
    }

    private JsonWritable byNumber(OptionalLong number, boolean fullTransactions) {
        if (number.isEmpty()) {
            return null;
        }
        Optional<Hash> hash = chain.store().canonicalHash(number.getAsLong());
        return hash.isEmpty() ? null : answer(hash.get(), number.getAsLong(), fullTransactions);
    }

    /**
     * The block answer: from the cache of the newest blocks' answers, or read, encoded (with the
     * senders recovered) and kept there. Null when the block is not (or no longer) stored.
     */
    private JsonWritable answer(Hash hash, long number, boolean full) {
        AnswerCache.Kind kind = full ? AnswerCache.Kind.BLOCK_FULL : AnswerCache.Kind.BLOCK_HASHES;
        JsonWritable cached = cache.lookup(kind, hash, number, -1);
        if (cached != null) {
            return cached;
        }
        Optional<StoredBlock> block =
                reads.block(number).filter(b -> b.header().hash().equals(hash));
        return block.map(b -> cache.keeping(kind, hash, number, -1, json(b, full))).orElse(null);
    }

    private String transactionCount(OptionalLong number) {
        if (number.isEmpty()) {
            return null;
        }
        Optional<List<Hash>> hashes = chain.store().transactionHashes(number.getAsLong());
        return hashes.map(h -> Quantity.encode(h.size())).orElse(null);
    }

    /** The block object: transaction hashes, or full transactions with their recovered senders. */
    BlockJson json(StoredBlock block, boolean fullTransactions) {
        List<Object> transactions = new ArrayList<>(block.transactionHashes().size());
        if (fullTransactions) {
            BlockContext context = block.context();
            List<Transaction> txs = block.body().transactions();
            for (int i = 0; i < txs.size(); i++) {
                Hash hash = block.transactionHashes().get(i);
                transactions.add(
                        new TransactionJson(
                                txs.get(i), hash, i, context, reads.sender(hash, txs.get(i))));
            }
        } else {
            transactions.addAll(block.transactionHashes());
        }
        List<Hash> ommers = block.body().ommers().stream().map(BlockHeader::hash).toList();
        return new BlockJson(
                block.header(),
                block.size(),
                transactions,
                ommers,
                block.body().withdrawals().orElse(null));
    }
}
