package io.annals.rpc.eth;

import io.annals.rpc.eth.filters.FilterRegistry;
import io.annals.rpc.eth.json.LogJson;
import io.annals.rpc.json.BlockNumberOrTag;
import io.annals.rpc.json.BlockTag;
import io.annals.rpc.json.LogFilter;
import io.annals.rpc.methods.Arity;
import io.annals.rpc.methods.RpcMethods;

/**
 * The filter methods polling indexers use: {@code eth_newFilter}, {@code eth_newBlockFilter},
 * {@code eth_getFilterChanges}, {@code eth_getFilterLogs} and {@code eth_uninstallFilter}, over the
 * {@link FilterRegistry}. As in geth, a log filter reports the logs of blocks stored after it was
 * installed (within its numeric fromBlock/toBlock, if any), and {@code eth_getFilterLogs} runs its
 * criteria as an {@code eth_getLogs} query.
 */
final class FilterMethods {
    private final FilterRegistry filters;
    private final LogQueries queries;

    FilterMethods(FilterRegistry filters, LogQueries queries) {
        this.filters = filters;
        this.queries = queries;
    }

    void register(RpcMethods.Builder methods) {
        methods.blocking("eth_newFilter", Arity.exactly(1), p -> newFilter(p.logFilter(0)));
        methods.blocking("eth_newBlockFilter", Arity.none(), p -> filters.newBlockFilter());
        methods.blocking(
                "eth_getFilterChanges", Arity.exactly(1), p -> filters.changes(p.string(0)));
        methods.blocking(
                "eth_getFilterLogs",
                Arity.exactly(1),
                p -> LogJson.all(queries.logs(filters.criteria(p.string(0)))));
        methods.blocking(
                "eth_uninstallFilter", Arity.exactly(1), p -> filters.uninstall(p.string(0)));
    }

    private String newFilter(LogFilter criteria) {
        queries.checkQueryLimit(criteria);
        long lowest = 0;
        long highest = Long.MAX_VALUE;
        if (criteria.scope() instanceof LogFilter.BlockRange range) {
            refusePending(range.fromBlock());
            refusePending(range.toBlock());
            if (range.fromBlock() instanceof BlockNumberOrTag.Numbered from) {
                lowest = from.number();
            }
            if (range.toBlock() instanceof BlockNumberOrTag.Numbered to) {
                highest = to.number();
            }
            if (lowest > highest) {
                throw HistoryErrors.invalidBlockRange();
            }
        }
        return filters.newLogFilter(criteria, lowest, highest);
    }

    private static void refusePending(BlockNumberOrTag bound) {
        if (bound instanceof BlockNumberOrTag.Tagged tagged && tagged.tag() == BlockTag.PENDING) {
            throw HistoryErrors.pendingLogsUnsupported();
        }
    }
}
