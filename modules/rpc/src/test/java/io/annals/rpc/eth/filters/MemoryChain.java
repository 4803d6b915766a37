package io.annals.rpc.eth.filters;

import io.annals.core.types.Address;
import io.annals.core.types.BlockHeader;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.rpc.eth.json.LogJson;
import io.annals.store.BlockRange;
import io.annals.store.LogEntry;
import io.annals.store.LogQuery;
import io.annals.store.LogQueryResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * An in-memory chain for unit tests of the poll state classes: blocks with a hash and some logs,
 * answering log queries with the store's contract (all or nothing per block, a limit that stops at
 * a block boundary, unavailable when a block is missing). {@link #duringNextQuery} runs a change
 * while a query is under way, as a reorg on another thread would.
 */
final class MemoryChain implements ChainAccess {
    private final TreeMap<Long, Block> blocks = new TreeMap<>();
    private Runnable duringNextQuery;

    record Block(long number, Hash hash, List<LogEntry> logs) {}

    /**
     * Stores block {@code number} (replacing one there) on branch {@code branch} with {@code
     * logCount} logs.
     */
    void put(long number, int branch, int logCount) {
        Hash hash = hash(number, branch);
        List<LogEntry> logs = new ArrayList<>();
        for (int i = 0; i < logCount; i++) {
            logs.add(
                    new LogEntry(
                            number,
                            hash,
                            number * 12,
                            0,
                            hash(number * 1000 + i, branch),
                            i,
                            Log.of(Address.ZERO, List.of(), new byte[] {(byte) i})));
        }
        blocks.put(number, new Block(number, hash, logs));
    }

    void putRange(long from, long to, int branch, int logCount) {
        for (long n = from; n <= to; n++) {
            put(n, branch, logCount);
        }
    }

    void dropAbove(long number) {
        blocks.tailMap(number, false).clear();
    }

    void duringNextQuery(Runnable change) {
        duringNextQuery = change;
    }

    static Hash hash(long number, int branch) {
        byte[] bytes = new byte[32];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (number >>> (56 - 8 * i));
        }
        bytes[31] = (byte) branch;
        return Hash.wrap(bytes);
    }

    /** The logs of blocks {@code from..to} as a poll reports them. */
    List<LogJson> logs(long from, long to, boolean removed) {
        List<LogJson> out = new ArrayList<>();
        for (Block block : blocks.subMap(from, true, to, true).values()) {
            block.logs().forEach(l -> out.add(new LogJson(l, removed)));
        }
        return out;
    }

    @Override
    public OptionalLong head() {
        if (blocks.isEmpty()) {
            return OptionalLong.empty();
        }
        long head = blocks.firstKey();
        while (blocks.containsKey(head + 1)) {
            head++;
        }
        return OptionalLong.of(head);
    }

    @Override
    public long beforeFirstBlock() {
        return 99;
    }

    @Override
    public Optional<Hash> hashAt(long number) {
        return Optional.ofNullable(blocks.get(number)).map(Block::hash);
    }

    @Override
    public Optional<BlockHeader> headerAt(long number) {
        throw new UnsupportedOperationException("log polls read no headers");
    }

    @Override
    public LogQueryResult logs(LogQuery query) {
        List<LogEntry> out = new ArrayList<>();
        for (long n = query.fromBlock(); n <= query.toBlock(); n++) {
            Block block = blocks.get(n);
            if (block == null) {
                return new LogQueryResult.Unavailable(List.of(new BlockRange(n, n)));
            }
            if (out.size() + block.logs().size() > query.maxResults()) {
                runChange();
                return new LogQueryResult.TooManyResults(out, n - 1, query.maxResults());
            }
            out.addAll(block.logs());
        }
        runChange();
        return new LogQueryResult.Complete(out);
    }

    private void runChange() {
        Runnable change = duringNextQuery;
        duringNextQuery = null;
        if (change != null) {
            change.run();
        }
    }
}
