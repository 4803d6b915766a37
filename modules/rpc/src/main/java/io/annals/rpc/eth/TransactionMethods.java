package io.annals.rpc.eth;

import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Transaction;
import io.annals.rpc.eth.json.AnswerCache;
import io.annals.rpc.eth.json.BlockContext;
import io.annals.rpc.eth.json.JsonWritable;
import io.annals.rpc.eth.json.ReceiptJson;
import io.annals.rpc.eth.json.TransactionJson;
import io.annals.rpc.json.BlockNumberOrHash;
import io.annals.rpc.json.BlockNumberOrTag;
import io.annals.rpc.methods.Arity;
import io.annals.rpc.methods.RpcMethods;
import io.annals.store.StoredReceipt;
import io.annals.store.TransactionLocation;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Transactions and receipts: {@code eth_getTransactionByHash}, by block and index, {@code
 * eth_getTransactionReceipt} and {@code eth_getBlockReceipts}. Unknown transactions and blocks
 * answer null as in geth. Senders are recovered on demand through the {@link SenderCache}.
 */
final class TransactionMethods {
    private final ChainView chain;
    private final BlockReads reads;
    private final BlobFees blobFees;
    private final AnswerCache cache;

    TransactionMethods(ChainView chain, BlockReads reads, BlobFees blobFees, AnswerCache cache) {
        this.chain = chain;
        this.reads = reads;
        this.blobFees = blobFees;
        this.cache = cache;
    }

    void register(RpcMethods.Builder methods) {
        methods.blocking("eth_getTransactionByHash", Arity.exactly(1), p -> byHash(p.hash(0)));
        methods.blocking(
                "eth_getTransactionByBlockNumberAndIndex",
                Arity.exactly(2),
                p -> {
                    BlockNumberOrTag block = p.blockNumberOrTag(0);
                    long index = p.uint64(1);
                    OptionalLong number = chain.resolve(block);
                    return number.isEmpty()
                            ? null
                            : reads.block(number.getAsLong()).map(b -> at(b, index)).orElse(null);
                });
        methods.blocking(
                "eth_getTransactionByBlockHashAndIndex",
                Arity.exactly(2),
                p -> {
                    Hash hash = p.hash(0);
                    long index = p.uint64(1);
                    return reads.block(hash).map(b -> at(b, index)).orElse(null);
                });
        methods.blocking("eth_getTransactionReceipt", Arity.exactly(1), p -> receipt(p.hash(0)));
        methods.blocking(
                "eth_getBlockReceipts",
                Arity.exactly(1),
                p -> blockReceipts(p.blockNumberOrHash(0)));
    }

    private TransactionJson byHash(Hash hash) {
        Optional<TransactionLocation> location = chain.store().transaction(hash);
        if (location.isEmpty()) {
            return null;
        }
        TransactionLocation at = location.get();
        Optional<BlockHeader> header = chain.store().header(at.blockNumber());
        if (header.isEmpty() || !header.get().hash().equals(at.blockHash())) {
            return null; // dropped by a reorg between the two reads
        }
        return new TransactionJson(
                at.transaction(),
                hash,
                at.index(),
                BlockContext.of(header.get()),
                reads.sender(hash, at.transaction()));
    }

    private TransactionJson at(StoredBlock block, long index) {
        List<Transaction> txs = block.body().transactions();
        if (index < 0 || index >= txs.size()) {
            return null;
        }
        int i = (int) index;
        Hash hash = block.transactionHashes().get(i);
        return new TransactionJson(
                txs.get(i), hash, i, block.context(), reads.sender(hash, txs.get(i)));
    }

    private ReceiptJson receipt(Hash hash) {
        Optional<TransactionLocation> location = chain.store().transaction(hash);
        if (location.isEmpty()) {
            return null;
        }
        TransactionLocation at = location.get();
        Optional<BlockReads.HeaderAndReceipts> block = reads.receipts(at.blockNumber());
        if (block.isEmpty() || !block.get().header().hash().equals(at.blockHash())) {
            return null;
        }
        StoredReceipt receipt = block.get().receipts().receipts().get(at.index());
        BlockHeader header = block.get().header();
        return new ReceiptJson(
                receipt,
                at.transaction(),
                BlockContext.of(header),
                reads.sender(hash, at.transaction()),
                blobFees.blobBaseFee(header));
    }

    private Object blockReceipts(BlockNumberOrHash block) {
        OptionalLong number;
        Optional<Hash> hash;
        if (block instanceof BlockNumberOrHash.ByNumber byNumber) {
            number = chain.resolve(byNumber.block());
            hash =
                    number.isEmpty()
                            ? Optional.empty()
                            : chain.store().canonicalHash(number.getAsLong());
        } else {
            hash = Optional.of(((BlockNumberOrHash.ByHash) block).hash());
            number = chain.store().blockNumber(hash.get());
        }
        if (number.isEmpty() || hash.isEmpty()) {
            return null;
        }
        JsonWritable cached =
                cache.lookup(AnswerCache.Kind.RECEIPTS, hash.get(), number.getAsLong(), -1);
        if (cached != null) {
            return cached;
        }
        List<ReceiptJson> receipts = readBlockReceipts(block, number);
        if (receipts == null) {
            return null;
        }
        if (!receipts.isEmpty() && !receipts.get(0).block().hash().equals(hash.get())) {
            return receipts; // another block replaced it meanwhile: answered, not kept
        }
        return cache.keeping(
                AnswerCache.Kind.RECEIPTS,
                hash.get(),
                number.getAsLong(),
                -1,
                out -> {
                    out.writeStartArray();
                    for (ReceiptJson receipt : receipts) {
                        receipt.writeTo(out);
                    }
                    out.writeEndArray();
                });
    }

    private List<ReceiptJson> readBlockReceipts(BlockNumberOrHash block, OptionalLong number) {
        Optional<BlockReads.BlockWithReceipts> read = reads.blockWithReceipts(number.getAsLong());
        if (read.isEmpty()) {
            return null;
        }
        if (block instanceof BlockNumberOrHash.ByHash byHash
                && !read.get().block().header().hash().equals(byHash.hash())) {
            return null;
        }
        StoredBlock stored = read.get().block();
        BlockContext context = stored.context();
        BigInteger blobFee = blobFees.blobBaseFee(stored.header());
        List<Transaction> txs = stored.body().transactions();
        List<ReceiptJson> out = new ArrayList<>(txs.size());
        for (StoredReceipt receipt : read.get().receipts().receipts()) {
            Transaction tx = txs.get(receipt.transactionIndex());
            out.add(
                    new ReceiptJson(
                            receipt,
                            tx,
                            context,
                            reads.sender(receipt.transactionHash(), tx),
                            blobFee));
        }
        return out;
    }
}
