package io.annals.rpc.eth;

import io.annals.core.types.Hash;
import io.annals.rpc.eth.json.AnswerCache;
import io.annals.rpc.eth.json.EncodedJson;
import io.annals.rpc.eth.json.JsonWritable;
import io.annals.rpc.eth.json.LogJson;
import io.annals.rpc.json.LogFilter;
import io.annals.rpc.methods.Arity;
import io.annals.rpc.methods.RpcMethods;
import io.annals.store.LogEntry;
import io.annals.store.LogQuery;
import java.util.List;
import java.util.Optional;

/**
 * {@code eth_getLogs} over the store's log index (see {@link LogQueries} for the rules). An indexer
 * following the head asks for every log of each new block ({@code fromBlock = toBlock}, or {@code
 * blockHash}, no address or topic): that whole answer is written as one array of bytes ({@link
 * LogJson#array}) and kept in the {@link AnswerCache}, so the next asker gets it without a store
 * query; every other query is answered from the store, each log of the newest blocks written from
 * the cache when it holds it, older ones as one array.
 */
final class LogMethods {
    private final LogQueries queries;
    private final AnswerCache cache;

    LogMethods(LogQueries queries, AnswerCache cache) {
        this.queries = queries;
        this.cache = cache;
    }

    void register(RpcMethods.Builder methods) {
        methods.blocking("eth_getLogs", Arity.exactly(1), p -> logs(p.logFilter(0)));
    }

    private Object logs(LogFilter filter) {
        queries.checkQueryLimit(filter);
        LogQuery query = queries.query(filter);
        boolean wholeBlock =
                filter.addresses().isEmpty()
                        && filter.topics().isEmpty()
                        && query.fromBlock() == query.toBlock();
        if (!wholeBlock) {
            List<LogEntry> logs = queries.run(query);
            return cache.keeps(query.toBlock())
                    ? LogJson.all(logs, cache)
                    : new EncodedJson(LogJson.array(logs)); // older than what is kept
        }
        long number = query.fromBlock();
        Optional<Hash> hash = queries.blockHash(number);
        if (hash.isPresent()) {
            JsonWritable cached = cache.lookup(AnswerCache.Kind.BLOCK_LOGS, hash.get(), number, -1);
            if (cached != null) {
                return cached;
            }
        }
        List<LogEntry> logs = queries.run(query);
        // written straight as one array of bytes: no generator, no per-log entries kept twice
        byte[] json = LogJson.array(logs);
        boolean sameBlock =
                hash.isPresent()
                        && logs.stream().allMatch(log -> log.blockHash().equals(hash.get()));
        if (!sameBlock) {
            return new EncodedJson(json); // replaced meanwhile (or not stored): answered, not kept
        }
        return cache.keep(AnswerCache.Kind.BLOCK_LOGS, hash.get(), number, -1, json);
    }
}
