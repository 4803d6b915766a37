package io.annals.cluster.read;

import io.annals.core.types.BlockHeader;
import io.annals.store.HistoryReader;

/** Answers a {@link ReadRequest} from one store (a plain function: the read service runs it). */
final class StoreReads {
    private StoreReads() {}

    static ReadReply answer(HistoryReader store, ReadRequest request) {
        if (request instanceof ReadRequest.HeaderAt at) {
            return new ReadReply.Bytes(store.header(at.number()).map(BlockHeader::encoding));
        }
        if (request instanceof ReadRequest.HashAt at) {
            return new ReadReply.OneHash(store.canonicalHash(at.number()));
        }
        if (request instanceof ReadRequest.BodyAt at) {
            return new ReadReply.Bytes(store.bodyRlp(at.number()));
        }
        if (request instanceof ReadRequest.TransactionHashesAt at) {
            return new ReadReply.Hashes(store.transactionHashes(at.number()));
        }
        if (request instanceof ReadRequest.ReceiptsAt at) {
            return new ReadReply.Receipts(store.receipts(at.number()));
        }
        if (request instanceof ReadRequest.NumberOf of) {
            return new ReadReply.Number(store.blockNumber(of.hash()));
        }
        if (request instanceof ReadRequest.TransactionByHash of) {
            return new ReadReply.Transaction(store.transaction(of.hash()));
        }
        if (request instanceof ReadRequest.Logs logs) {
            return new ReadReply.Logs(store.logs(logs.query()));
        }
        ReadRequest.MissingIn in = (ReadRequest.MissingIn) request;
        return new ReadReply.Missing(store.missingIn(in.from(), in.to()));
    }
}
