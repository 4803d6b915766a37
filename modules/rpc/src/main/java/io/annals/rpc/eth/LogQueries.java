package io.annals.rpc.eth;

import io.annals.core.types.Hash;
import io.annals.rpc.RpcSettings;
import io.annals.rpc.json.LogFilter;
import io.annals.store.LogEntry;
import io.annals.store.LogQuery;
import io.annals.store.LogQueryResult;
import java.util.List;
import java.util.OptionalLong;

/**
 * Turns {@code eth_getLogs} filters into store queries and store answers into results or errors:
 * limits first (addresses and topics per position, the block range), then the range must be held
 * here in full (else 4444 naming what is missing: never a silently partial answer), then the log
 * index answers, up to {@code max-logs} logs.
 */
final class LogQueries {
    private final ChainView chain;
    private final RpcSettings.GetLogsLimits limits;

    LogQueries(ChainView chain, RpcSettings.GetLogsLimits limits) {
        this.chain = chain;
        this.limits = limits;
    }

    RpcSettings.GetLogsLimits limits() {
        return limits;
    }

    /** Every log {@code filter} matches, or the error that explains why not. */
    List<LogEntry> logs(LogFilter filter) {
        checkQueryLimit(filter);
        return run(query(filter));
    }

    void checkQueryLimit(LogFilter filter) {
        if (filter.exceedsQueryLimit(limits.maxAddressesOrTopics())) {
            throw HistoryErrors.tooManyAddressesOrTopics();
        }
    }

    /**
     * The store query of {@code filter}: its block range resolved and checked against the limits.
     */
    LogQuery query(LogFilter filter) {
        long from;
        long to;
        if (filter.scope() instanceof LogFilter.AtBlockHash at) {
            from = blockNumberOf(at.blockHash());
            to = from;
        } else {
            LogFilter.BlockRange range = (LogFilter.BlockRange) filter.scope();
            from = chain.resolveRangeBound(range.fromBlock());
            to = chain.resolveRangeBound(range.toBlock());
            if (from > to) {
                throw HistoryErrors.invalidBlockRange();
            }
            if (to - from >= limits.maxBlockRange()) {
                throw HistoryErrors.blockRangeTooLarge(limits.maxBlockRange(), from);
            }
        }
        return range(filter, from, to, limits.maxLogs());
    }

    /** A store query over {@code from..to} with the filter's addresses and topics. */
    static LogQuery range(LogFilter filter, long from, long to, int maxResults) {
        return new LogQuery(from, to, filter.addresses(), filter.topics(), maxResults);
    }

    /**
     * Runs a checked query: all of its logs, or 4444 for missing blocks, or the too-many-results
     * error.
     */
    List<LogEntry> run(LogQuery query) {
        LogQueryResult result = chain.store().logs(query);
        if (result instanceof LogQueryResult.Complete complete) {
            return complete.logs();
        }
        if (result instanceof LogQueryResult.Unavailable unavailable) {
            throw HistoryErrors.historyUnavailable(unavailable.missing());
        }
        LogQueryResult.TooManyResults tooMany = (LogQueryResult.TooManyResults) result;
        throw HistoryErrors.tooManyResults(
                tooMany.limit(), query.fromBlock(), tooMany.coveredThrough());
    }

    /** The hash of the stored block at {@code number}. */
    java.util.Optional<Hash> blockHash(long number) {
        return chain.store().canonicalHash(number);
    }

    private long blockNumberOf(Hash blockHash) {
        OptionalLong number = chain.store().blockNumber(blockHash);
        if (number.isEmpty()) {
            throw HistoryErrors.unknownBlock();
        }
        chain.checkKept(number.getAsLong());
        return number.getAsLong();
    }
}
