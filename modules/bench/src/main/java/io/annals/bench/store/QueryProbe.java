package io.annals.bench.store;

import io.annals.core.testing.RandomChain;
import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import io.annals.store.FullBlock;
import io.annals.store.HistoryStore;
import io.annals.store.LogQuery;
import io.annals.store.LogQueryResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks log filters of known selectivity while the blocks are generated (a rare, a middling and the
 * most popular address, a rare indexed user, a value that never occurs), then times them over the
 * whole stored range: first run and best of three.
 */
final class QueryProbe {
    private final Map<ByteBuffer, int[]> addressBlocks = new HashMap<>();
    private final Map<ByteBuffer, int[]> userBlocks = new HashMap<>();
    private final Address absent;
    private long blocks;
    private long bloomHitsForAbsent;

    QueryProbe(long seed) {
        absent = new RandomChain(seed ^ 0xabcL).address();
    }

    void observe(FullBlock block) {
        blocks++;
        Set<ByteBuffer> addresses = new HashSet<>();
        Set<ByteBuffer> users = new HashSet<>();
        for (Receipt receipt : block.receipts()) {
            for (Log log : receipt.logs()) {
                addresses.add(ByteBuffer.wrap(log.address().unsafeArray()));
                if (log.topics().size() > 1
                        && (blocks < 3 || userBlocks.containsKey(key(log.topics().get(1))))) {
                    users.add(key(log.topics().get(1)));
                }
            }
        }
        addresses.forEach(a -> addressBlocks.computeIfAbsent(a, k -> new int[1])[0]++);
        users.forEach(u -> userBlocks.computeIfAbsent(u, k -> new int[1])[0]++);
        if (block.header().logsBloom().mightContain(absent)) {
            bloomHitsForAbsent++;
        }
    }

    void run(HistoryStore store, long first, long last) {
        System.out.printf(
                "header bloom false positives: %.1f %% of blocks match an address that never occurs%n",
                100.0 * bloomHitsForAbsent / blocks);
        List<Object[]> cases = new ArrayList<>();
        cases.add(
                new Object[] {
                    "rare address", Address.wrap(valueWithBlocks(addressBlocks, 2).array())
                });
        cases.add(
                new Object[] {
                    "address in ~1% of blocks",
                    Address.wrap(valueWithBlocks(addressBlocks, (int) (blocks / 100)).array())
                });
        cases.add(
                new Object[] {
                    "most popular address",
                    Address.wrap(valueWithBlocks(addressBlocks, Integer.MAX_VALUE).array())
                });
        cases.add(new Object[] {"absent address", absent});
        cases.add(
                new Object[] {
                    "rare indexed user (topic 1)", Hash.wrap(valueWithBlocks(userBlocks, 2).array())
                });
        for (Object[] c : cases) {
            LogQuery query = LogQuery.range(first, last);
            query =
                    c[1] instanceof Address a
                            ? query.withAddresses(List.of(a))
                            : query.withTopics(List.of(List.of(), List.of((Hash) c[1])));
            long t0 = System.nanoTime();
            LogQueryResult result = store.logs(query);
            double firstRun = (System.nanoTime() - t0) / 1e6;
            double best = Double.MAX_VALUE;
            for (int i = 0; i < 3; i++) {
                long t1 = System.nanoTime();
                store.logs(query);
                best = Math.min(best, (System.nanoTime() - t1) / 1e6);
            }
            System.out.printf(
                    "query %-28s over %d blocks: %s, first %.0f ms, best of 3 %.1f ms%n",
                    c[0], last - first + 1, describe(result), firstRun, best);
        }
    }

    private static String describe(LogQueryResult result) {
        if (result instanceof LogQueryResult.Complete c) {
            return c.logs().size() + " logs";
        }
        if (result instanceof LogQueryResult.TooManyResults t) {
            return "over "
                    + t.limit()
                    + " logs (complete through block "
                    + t.coveredThrough()
                    + ")";
        }
        return result.toString();
    }

    /**
     * The value whose block count is closest to {@code target} (the most frequent for MAX_VALUE).
     */
    private static ByteBuffer valueWithBlocks(Map<ByteBuffer, int[]> counts, int target) {
        ByteBuffer best = null;
        long bestDistance = Long.MAX_VALUE;
        for (Map.Entry<ByteBuffer, int[]> e : counts.entrySet()) {
            long distance = Math.abs((long) e.getValue()[0] - target);
            if (distance < bestDistance) {
                best = e.getKey();
                bestDistance = distance;
            }
        }
        return best;
    }

    private static ByteBuffer key(Hash hash) {
        return ByteBuffer.wrap(hash.unsafeArray());
    }
}
