package io.annals.rpc.eth;

import io.annals.rpc.json.Quantity;
import io.annals.rpc.methods.ErrorCodes;
import io.annals.rpc.methods.RpcException;
import io.annals.store.BlockRange;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The errors of the history methods, in go-ethereum's codes and words where geth has them ({@code
 * eth/filters/api.go}, {@code eth/filters/filter.go}, {@code core/history}), and in reth's where
 * only reth has one (too many results), so that indexers' retry helpers recognise them.
 */
public final class HistoryErrors {
    /** Runs of missing blocks named in a 4444 answer; the rest are counted. */
    static final int MAX_NAMED_RANGES = 8;

    private HistoryErrors() {}

    /** -32602, as geth when {@code fromBlock > toBlock}. */
    public static RpcException invalidBlockRange() {
        return RpcException.invalidParams("invalid block range params");
    }

    /** -32602, as geth for a {@code pending} bound of a log query. */
    public static RpcException pendingLogsUnsupported() {
        return RpcException.invalidParams("pending logs are not supported");
    }

    /** -32000, as geth for a {@code blockHash} filter naming a block it does not know. */
    public static RpcException unknownBlock() {
        return RpcException.serverError("unknown block");
    }

    /**
     * -32000, as geth for a filter id that is not installed (expired, uninstalled or never made).
     */
    public static RpcException filterNotFound() {
        return RpcException.serverError("filter not found");
    }

    /** -32000, as geth when a filter names more addresses or topics per position than allowed. */
    public static RpcException tooManyAddressesOrTopics() {
        return RpcException.serverError("exceed max addresses or topics per search position");
    }

    /** -32000, as geth's "finalized block not found" / "safe block not found". */
    public static RpcException tagNotFound(String tag) {
        return RpcException.serverError(tag + " block not found");
    }

    /**
     * -32602 with geth's "exceed maximum block range N", followed by the range of N blocks from
     * {@code fromBlock} in reth's and Alchemy's retry phrasing, which indexers' retry helpers
     * parse.
     */
    public static RpcException blockRangeTooLarge(long maxRange, long fromBlock) {
        long last = fromBlock + maxRange - 1;
        return RpcException.invalidParams(
                "exceed maximum block range " + maxRange + ", " + retryHint(fromBlock, last));
    }

    /**
     * -32602 with reth's "query exceeds max results N, retry with the range A-B": A-B is the part
     * of the query known to hold at most N logs ({@code coveredThrough} of the store's answer).
     * When the first block alone holds more, no smaller range helps and the answer says so instead.
     */
    public static RpcException tooManyResults(int limit, long fromBlock, long coveredThrough) {
        if (coveredThrough < fromBlock) {
            return RpcException.invalidParams(
                    "query exceeds max results "
                            + limit
                            + ": block "
                            + Quantity.encode(fromBlock)
                            + " alone has more matching logs; narrow the filter");
        }
        return RpcException.invalidParams(
                "query exceeds max results " + limit + ", " + retryHint(fromBlock, coveredThrough));
    }

    /**
     * 4444, geth's and reth's "pruned history unavailable": blocks of the request are not stored
     * here (below the configured start block, not synced yet, or above the head). The message and
     * {@code data} name the missing runs.
     */
    public static RpcException historyUnavailable(List<BlockRange> missing) {
        StringBuilder message = new StringBuilder("pruned history unavailable: blocks ");
        List<Map<String, String>> named = new ArrayList<>();
        for (int i = 0; i < missing.size() && i < MAX_NAMED_RANGES; i++) {
            BlockRange range = missing.get(i);
            message.append(i == 0 ? "" : ", ").append(format(range));
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("fromBlock", Quantity.encode(range.first()));
            entry.put("toBlock", Quantity.encode(range.last()));
            named.add(entry);
        }
        if (missing.size() > MAX_NAMED_RANGES) {
            message.append(" and ")
                    .append(missing.size() - MAX_NAMED_RANGES)
                    .append(" more ranges");
        }
        message.append(" are not available on this node");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("missing", named);
        return new RpcException(ErrorCodes.PRUNED_HISTORY, message.toString(), data);
    }

    /** 4444 for a single block below the store's start block, as geth answers for pruned blocks. */
    public static RpcException prunedBlock() {
        return RpcException.prunedHistory();
    }

    /**
     * reth's decimal "retry with the range A-B" and Alchemy's hex "this block range should work:
     * [0xA, 0xB]".
     */
    private static String retryHint(long first, long last) {
        return "retry with the range "
                + first
                + "-"
                + last
                + " (this block range should work: ["
                + Quantity.encode(first)
                + ", "
                + Quantity.encode(last)
                + "])";
    }

    private static String format(BlockRange range) {
        return range.first() == range.last()
                ? Quantity.encode(range.first())
                : Quantity.encode(range.first()) + "-" + Quantity.encode(range.last());
    }
}
