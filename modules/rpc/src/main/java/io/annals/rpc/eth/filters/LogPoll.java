package io.annals.rpc.eth.filters;

import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.rpc.eth.json.LogJson;
import io.annals.store.LogEntry;
import io.annals.store.LogQuery;
import io.annals.store.LogQueryResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The state of one log filter between polls: the last block whose logs it reported (its cursor,
 * with that block's hash), and the logs it reported from recent blocks, kept to report them again
 * as removed when a reorg drops their blocks.
 *
 * <p>A poll first checks that the cursor block and the newest retained block still have the hashes
 * they had. If not, it drops the retained blocks that are no longer stored (their logs become
 * {@code removed: true} answers) and rewinds the cursor to the newest block that survived, so the
 * new branch is scanned again. Then it queries the blocks from the cursor to the head, at most
 * {@code maxBlocks} blocks and {@code maxLogs} logs a poll; a query is kept only if the last block
 * it covered still has, afterwards, the hash it had before, so one poll never mixes two branches.
 * All methods are called with the filter's lock held by the registry.
 */
final class LogPoll {
    private final List<Address> addresses;
    private final List<List<Hash>> topics;
    private final long lowest;
    private final long highest;
    private final PollLimits limits;
    private final Deque<DeliveredBlock> retained = new ArrayDeque<>();
    private final List<LogJson> removed = new ArrayList<>();
    private int retainedLogs;
    private long cursor;
    private Hash cursorHash;

    /** Every block in (floor, cursor] whose logs were reported is in {@link #retained}. */
    private long floor;

    /** Logs reported from one block, with the hash the block had. */
    private record DeliveredBlock(long number, Hash hash, List<LogEntry> logs) {}

    /**
     * @param lowest the filter's numeric fromBlock, or 0
     * @param highest the filter's numeric toBlock, or {@code Long.MAX_VALUE}
     */
    LogPoll(
            List<Address> addresses,
            List<List<Hash>> topics,
            long lowest,
            long highest,
            PollLimits limits,
            ChainAccess chain) {
        this.addresses = List.copyOf(addresses);
        this.topics = topics;
        this.lowest = lowest;
        this.highest = highest;
        this.limits = limits;
        this.cursor = chain.head().orElse(chain.beforeFirstBlock());
        this.cursorHash = cursor < 0 ? null : chain.hashAt(cursor).orElse(null);
        this.floor = cursor;
    }

    /** The logs since the last poll: first those of dropped blocks (removed), then new ones. */
    List<LogJson> poll(ChainAccess chain) {
        if (reorged(chain)) {
            rewind(chain, Long.MAX_VALUE);
        }
        List<LogJson> out = new ArrayList<>(removed);
        removed.clear();
        advance(chain, out);
        return out;
    }

    /**
     * The node reports a rollback: settle now what it dropped. Blocks this filter already read from
     * a branch written after the rollback (a poll came first) are still stored and stay reported.
     */
    void rolledBack(ChainAccess chain, long newHead) {
        if (cursor > newHead && reorged(chain)) {
            rewind(chain, newHead);
        }
    }

    private boolean reorged(ChainAccess chain) {
        if (!isStillStored(chain, cursor, cursorHash)) {
            return true;
        }
        DeliveredBlock newest = retained.peekLast();
        return newest != null && !isStillStored(chain, newest.number(), newest.hash());
    }

    /**
     * Drops retained blocks that are no longer stored and moves the cursor back to what survived,
     * and to at most {@code bound} (the head a rollback left, when the node reported one).
     */
    private void rewind(ChainAccess chain, long bound) {
        List<DeliveredBlock> dropped = new ArrayList<>();
        while (!retained.isEmpty()
                && !isStillStored(
                        chain, retained.peekLast().number(), retained.peekLast().hash())) {
            DeliveredBlock block = retained.pollLast();
            retainedLogs -= block.logs().size();
            dropped.add(0, block);
        }
        for (DeliveredBlock block : dropped) {
            for (LogEntry entry : block.logs()) {
                removed.add(new LogJson(entry, true));
            }
        }
        long survivor = retained.isEmpty() ? floor : retained.peekLast().number();
        long head = chain.head().orElse(chain.beforeFirstBlock());
        cursor =
                Math.max(
                        Math.min(Math.min(cursor, survivor), Math.min(head, bound)),
                        chain.beforeFirstBlock());
        floor = Math.min(floor, cursor);
        cursorHash = cursor < 0 ? null : chain.hashAt(cursor).orElse(null);
    }

    private void advance(ChainAccess chain, List<LogJson> out) {
        long head = chain.head().orElse(chain.beforeFirstBlock());
        if (head <= cursor) {
            return;
        }
        long to = Math.min(head, cursor + limits.maxBlocks());
        Optional<Hash> tipBefore = chain.hashAt(to);
        if (tipBefore.isEmpty()) {
            return;
        }
        long from = Math.max(cursor + 1, lowest);
        long last = Math.min(to, highest);
        List<LogEntry> logs = List.of();
        long reached = to;
        if (from <= last) {
            LogQueryResult result =
                    chain.logs(new LogQuery(from, last, addresses, topics, limits.maxLogs()));
            if (result instanceof LogQueryResult.TooManyResults tooMany
                    && tooMany.coveredThrough() < from) {
                // one block holds more than a poll may return: that block whole, else the filter
                // never moves
                reached = from;
                result = chain.logs(new LogQuery(from, from, addresses, topics, Integer.MAX_VALUE));
            }
            if (result instanceof LogQueryResult.Complete complete) {
                logs = complete.logs();
            } else if (result instanceof LogQueryResult.TooManyResults tooMany) {
                logs = tooMany.logs();
                reached = tooMany.coveredThrough();
            } else {
                return; // blocks vanished under the query (a rollback): try again at the next poll
            }
        }
        Optional<Hash> reachedHash = reached == to ? tipBefore : chain.hashAt(reached);
        if (reachedHash.isEmpty() || !chain.hashAt(to).equals(tipBefore)) {
            return; // a reorg ran during the query: nothing of it is kept, the next poll starts
            // over
        }
        retain(logs);
        for (LogEntry entry : logs) {
            out.add(LogJson.of(entry));
        }
        cursor = reached;
        cursorHash = reachedHash.get();
        trimRetention();
    }

    private void retain(List<LogEntry> logs) {
        int i = 0;
        while (i < logs.size()) {
            long number = logs.get(i).blockNumber();
            int end = i;
            while (end < logs.size() && logs.get(end).blockNumber() == number) {
                end++;
            }
            retained.addLast(
                    new DeliveredBlock(
                            number, logs.get(i).blockHash(), List.copyOf(logs.subList(i, end))));
            retainedLogs += end - i;
            i = end;
        }
    }

    private void trimRetention() {
        floor = Math.max(floor, cursor - limits.reorgWindow());
        while (!retained.isEmpty()
                && (retained.peekFirst().number() <= floor
                        || retainedLogs > limits.maxRetainedLogs())) {
            DeliveredBlock oldest = retained.pollFirst();
            retainedLogs -= oldest.logs().size();
            floor = Math.max(floor, oldest.number());
        }
    }

    private static boolean isStillStored(ChainAccess chain, long number, Hash hash) {
        if (hash == null) {
            return true; // the cursor is below the first stored block: nothing there can change
        }
        return chain.hashAt(number).map(hash::equals).orElse(false);
    }
}
