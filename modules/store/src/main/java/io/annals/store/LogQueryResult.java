package io.annals.store;

import java.util.List;

/** The outcome of a {@link LogQuery}. */
public sealed interface LogQueryResult {
    /** Every matching log of the range, in block order, then log index. */
    record Complete(List<LogEntry> logs) implements LogQueryResult {
        public Complete {
            logs = List.copyOf(logs);
        }
    }

    /**
     * More than {@code limit} logs match. {@code logs} holds every match of the blocks from the
     * query's first block through {@code coveredThrough} (which is {@code fromBlock - 1} when the
     * first matching block alone exceeds the limit), so a client can be told the range that would
     * succeed.
     */
    record TooManyResults(List<LogEntry> logs, long coveredThrough, int limit)
            implements LogQueryResult {
        public TooManyResults {
            logs = List.copyOf(logs);
        }
    }

    /**
     * Some blocks of the range are not stored (not synced yet, or outside this node's start block).
     */
    record Unavailable(List<BlockRange> missing) implements LogQueryResult {
        public Unavailable {
            missing = List.copyOf(missing);
        }
    }
}
