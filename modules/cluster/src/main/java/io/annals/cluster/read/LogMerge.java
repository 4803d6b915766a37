package io.annals.cluster.read;

import io.annals.store.BlockRange;
import io.annals.store.LogEntry;
import io.annals.store.LogQueryResult;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges the answers to one log query cut into pieces (one per host and range, in block order) into
 * the answer one store would give for the whole range: if any block is missing, {@code Unavailable}
 * with every missing run (adjacent runs of neighbouring pieces joined); else the logs in order, and
 * {@code TooManyResults} at the first block whose logs would pass the limit, with {@code
 * coveredThrough} the block before it (as the store stops: on a block boundary, {@code fromBlock -
 * 1} when the first matching block alone has too many). Each piece was asked with the full limit,
 * so a piece that stopped early stopped at or after the block where the whole query stops.
 */
final class LogMerge {
    private LogMerge() {}

    /** A piece's answer: missing blocks (nobody holds them), or what its host's store said. */
    sealed interface Piece {
        BlockRange blocks();
    }

    record Held(BlockRange blocks, LogQueryResult result) implements Piece {}

    record Absent(BlockRange blocks) implements Piece {}

    static LogQueryResult merge(List<Piece> pieces, int limit) {
        List<BlockRange> missing = new ArrayList<>();
        for (Piece piece : pieces) {
            if (piece instanceof Absent absent) {
                addJoined(missing, absent.blocks());
            } else if (((Held) piece).result() instanceof LogQueryResult.Unavailable unavailable) {
                unavailable.missing().forEach(run -> addJoined(missing, run));
            }
        }
        if (!missing.isEmpty()) {
            return new LogQueryResult.Unavailable(missing);
        }
        List<LogEntry> logs = new ArrayList<>();
        for (Piece piece : pieces) {
            LogQueryResult result = ((Held) piece).result();
            List<LogEntry> pieceLogs =
                    result instanceof LogQueryResult.Complete complete
                            ? complete.logs()
                            : ((LogQueryResult.TooManyResults) result).logs();
            int i = 0;
            while (i < pieceLogs.size()) {
                long block = pieceLogs.get(i).blockNumber();
                int end = i;
                while (end < pieceLogs.size() && pieceLogs.get(end).blockNumber() == block) {
                    end++;
                }
                if (logs.size() + (end - i) > limit) {
                    return new LogQueryResult.TooManyResults(logs, block - 1, limit);
                }
                logs.addAll(pieceLogs.subList(i, end));
                i = end;
            }
            if (result instanceof LogQueryResult.TooManyResults tooMany) {
                // the piece stopped at the block after coveredThrough, which passes the limit with
                // the piece's own logs alone, so with everything before it too
                return new LogQueryResult.TooManyResults(logs, tooMany.coveredThrough(), limit);
            }
        }
        return new LogQueryResult.Complete(logs);
    }

    private static void addJoined(List<BlockRange> runs, BlockRange run) {
        if (!runs.isEmpty()) {
            BlockRange last = runs.get(runs.size() - 1);
            if (last.last() + 1 >= run.first()) {
                runs.set(
                        runs.size() - 1,
                        BlockRange.of(last.first(), Math.max(last.last(), run.last())));
                return;
            }
        }
        runs.add(run);
    }
}
