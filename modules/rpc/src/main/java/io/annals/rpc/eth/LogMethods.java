package io.annals.rpc.eth;

import io.annals.rpc.eth.json.AnswerCache;
import io.annals.rpc.eth.json.LogJson;
import io.annals.rpc.methods.Arity;
import io.annals.rpc.methods.RpcMethods;

/** {@code eth_getLogs} over the store's log index (see {@link LogQueries} for the rules). */
final class LogMethods {
    private final LogQueries queries;
    private final AnswerCache cache;

    LogMethods(LogQueries queries, AnswerCache cache) {
        this.queries = queries;
        this.cache = cache;
    }

    void register(RpcMethods.Builder methods) {
        methods.blocking(
                "eth_getLogs",
                Arity.exactly(1),
                p -> LogJson.all(queries.logs(p.logFilter(0)), cache));
    }
}
