package io.annals.rpc.eth;

import io.annals.rpc.eth.json.LogJson;
import io.annals.rpc.methods.Arity;
import io.annals.rpc.methods.RpcMethods;

/** {@code eth_getLogs} over the store's log index (see {@link LogQueries} for the rules). */
final class LogMethods {
    private final LogQueries queries;

    LogMethods(LogQueries queries) {
        this.queries = queries;
    }

    void register(RpcMethods.Builder methods) {
        methods.blocking(
                "eth_getLogs", Arity.exactly(1), p -> LogJson.all(queries.logs(p.logFilter(0))));
    }
}
