package io.annals.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.testing.RandomChain;
import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.core.types.Log;
import io.annals.core.types.Receipt;
import io.annals.store.testing.MainnetLikeChain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The log query engine against a brute-force scan of the same blocks, on randomised queries of
 * every shape: no address, one, several; topics with unconstrained positions and alternatives;
 * values that occur and values that do not; empty, single-block, partly missing and
 * partition-crossing ranges; result limits.
 */
class LogQueryTest {
    /** The range crosses the log-index partition boundary at 3 * 4096. */
    private static final long FIRST = 3 * 4096 - 150;

    private static final int BLOCKS = 300;

    @TempDir Path dir;

    private final List<FullBlock> chain =
            new MainnetLikeChain(21, FIRST, MainnetLikeChain.Shape.SMALL, true).next(BLOCKS);
    private final List<Log> allLogs =
            chain.stream()
                    .flatMap(b -> b.receipts().stream())
                    .flatMap(r -> r.logs().stream())
                    .toList();

    @ParameterizedTest(name = "{0} buckets (0: no index, header blooms)")
    @ValueSource(ints = {0, 1, 16, 256})
    void randomQueriesMatchABruteForceScan(int buckets) {
        Random random = new Random(buckets);
        RandomChain values = new RandomChain(buckets);
        int nonEmpty = 0;
        int truncated = 0;
        try (HistoryStore store =
                HistoryStore.open(
                        dir,
                        TestStores.MAINNET,
                        TestStores.SETTINGS.withStartBlock(FIRST).withLogIndexBuckets(buckets))) {
            // shuffled batches of one to seven blocks: log-index groups are built up by several
            // writes
            List<List<FullBlock>> batches = new ArrayList<>();
            for (int at = 0; at < chain.size(); ) {
                int size = Math.min(chain.size() - at, 1 + random.nextInt(7));
                batches.add(chain.subList(at, at + size));
                at += size;
            }
            java.util.Collections.shuffle(batches, random);
            batches.forEach(store::write);
            assertThat(store.verify().problems()).isEmpty();
            for (int i = 0; i < 400; i++) {
                LogQuery query = randomQuery(random, values);
                LogQueryResult expected = bruteForce(query);
                assertThat(store.logs(query)).as("query %d: %s", i, query).isEqualTo(expected);
                if (expected instanceof LogQueryResult.Complete c && !c.logs().isEmpty()) {
                    nonEmpty++;
                }
                if (expected instanceof LogQueryResult.TooManyResults) {
                    truncated++;
                }
            }
        }
        assertThat(nonEmpty).as("queries with results").isGreaterThan(100);
        assertThat(truncated).as("queries over the limit").isGreaterThan(20);
    }

    /**
     * An indexer's filter, one contract's one event, on a store whose index holds (address, topic
     * 0) pairs and on one created before pairs existed (its metadata without the mark, its index
     * without pairs): the same answers as the brute-force scan, including for an address and an
     * event that each occur in the range but never in one log.
     */
    @ParameterizedTest(name = "index holds pairs: {0}")
    @ValueSource(booleans = {true, false})
    void addressAndEventPairsMatchABruteForceScan(boolean pairs) {
        if (!pairs) {
            TestStores.open(dir, FIRST).close();
            try (LevelDb db =
                            LevelDb.open(
                                    dir.resolve("index"),
                                    TestStores.SETTINGS,
                                    LevelDb.WriteGate.DIRECT);
                    Batch batch = db.newBatch()) {
                db.write(batch.delete(StoreMetadata.PAIRS));
            }
        }
        Random random = new Random(pairs ? 1 : 2);
        int nonEmpty = 0;
        int disjoint = 0;
        try (HistoryStore store =
                HistoryStore.open(
                        dir, TestStores.MAINNET, TestStores.SETTINGS.withStartBlock(FIRST))) {
            store.write(chain);
            assertThat(store.verify().problems()).isEmpty();
            for (int i = 0; i < 300; i++) {
                Log one = someLogWithTopics(random);
                Log other = someLogWithTopics(random);
                List<Address> addresses =
                        random.nextInt(4) == 0
                                ? List.of(one.address(), other.address())
                                : List.of(one.address());
                List<Hash> events =
                        random.nextBoolean()
                                ? List.of(one.topics().get(0))
                                : List.of(other.topics().get(0));
                long from = FIRST + random.nextInt(BLOCKS);
                LogQuery query =
                        LogQuery.range(
                                        from,
                                        Math.min(FIRST + BLOCKS - 1, from + random.nextInt(BLOCKS)))
                                .withAddresses(addresses)
                                .withTopics(List.of(events));
                LogQueryResult expected = bruteForce(query);
                assertThat(store.logs(query)).as("query %d: %s", i, query).isEqualTo(expected);
                if (expected instanceof LogQueryResult.Complete c) {
                    if (!c.logs().isEmpty()) {
                        nonEmpty++;
                    } else if (occursIn(query, addresses, events)) {
                        disjoint++;
                    }
                }
            }
        }
        assertThat(nonEmpty).as("queries with results").isGreaterThan(100);
        assertThat(disjoint).as("queries whose address and event never meet in a log").isPositive();
    }

    private Log someLogWithTopics(Random random) {
        while (true) {
            Log log = someLog(random);
            if (!log.topics().isEmpty()) {
                return log;
            }
        }
    }

    /** Whether some log of the range has one of the addresses and some log one of the events. */
    private boolean occursIn(LogQuery query, List<Address> addresses, List<Hash> events) {
        boolean address = false;
        boolean event = false;
        for (FullBlock block : chain) {
            if (block.number() < query.fromBlock() || block.number() > query.toBlock()) {
                continue;
            }
            for (Receipt receipt : block.receipts()) {
                for (Log log : receipt.logs()) {
                    address |= addresses.contains(log.address());
                    event |= !log.topics().isEmpty() && events.contains(log.topics().get(0));
                }
            }
        }
        return address && event;
    }

    @ParameterizedTest(name = "gap in the stored range, {0} buckets")
    @ValueSource(ints = {0, 256})
    void missingBlocksMakeTheRangeUnavailable(int buckets) {
        try (HistoryStore store =
                HistoryStore.open(
                        dir,
                        TestStores.MAINNET,
                        TestStores.SETTINGS.withStartBlock(FIRST).withLogIndexBuckets(buckets))) {
            store.write(chain.subList(0, 100));
            store.write(chain.subList(120, 300));
            LogQueryResult result = store.logs(LogQuery.range(FIRST + 50, FIRST + 400));
            assertThat(result)
                    .isEqualTo(
                            new LogQueryResult.Unavailable(
                                    List.of(
                                            new BlockRange(FIRST + 100, FIRST + 119),
                                            new BlockRange(FIRST + 300, FIRST + 400))));
            LogQuery inside =
                    LogQuery.range(FIRST + 120, FIRST + 299)
                            .withAddresses(List.of(allLogs.get(allLogs.size() - 1).address()));
            assertThat(store.logs(inside)).isInstanceOf(LogQueryResult.Complete.class);
        }
    }

    private LogQuery randomQuery(Random random, RandomChain values) {
        long last = FIRST + BLOCKS - 1;
        long from;
        long to;
        int shape = random.nextInt(10);
        if (shape == 0) {
            from = FIRST + random.nextInt(BLOCKS);
            to = from;
        } else if (shape == 1) {
            from = FIRST + 1 + random.nextInt(BLOCKS - 1);
            to = from - 1 - random.nextInt(5);
        } else if (shape == 2) {
            from = FIRST - 5 + random.nextInt(BLOCKS + 10);
            to = from + random.nextInt(40);
        } else {
            from = FIRST + random.nextInt(BLOCKS);
            to = Math.min(last, from + random.nextInt(BLOCKS));
        }
        List<Address> addresses = new ArrayList<>();
        int addressCount =
                random.nextInt(10) < 4 ? 0 : random.nextInt(10) < 5 ? 1 : 2 + random.nextInt(3);
        for (int i = 0; i < addressCount; i++) {
            addresses.add(random.nextInt(6) == 0 ? values.address() : someLog(random).address());
        }
        List<List<Hash>> topics = new ArrayList<>();
        for (int p = 0, positions = random.nextInt(5); p < positions; p++) {
            List<Hash> alternatives = new ArrayList<>();
            if (random.nextBoolean()) {
                for (int a = 0, count = 1 + random.nextInt(3); a < count; a++) {
                    alternatives.add(someTopic(random, values, p));
                }
            }
            topics.add(alternatives);
        }
        int limit = random.nextInt(10) < 3 ? 1 + random.nextInt(30) : LogQuery.DEFAULT_MAX_RESULTS;
        return new LogQuery(Math.max(0, from), Math.max(0, to), addresses, topics, limit);
    }

    private Log someLog(Random random) {
        return allLogs.get(random.nextInt(allLogs.size()));
    }

    /**
     * Mostly a topic seen at this position; sometimes one from another position, or one never seen.
     */
    private Hash someTopic(Random random, RandomChain values, int position) {
        int roll = random.nextInt(10);
        if (roll == 0) {
            return values.hash();
        }
        for (int tries = 0; tries < 50; tries++) {
            Log log = someLog(random);
            int at = roll == 1 ? random.nextInt(4) : position;
            if (log.topics().size() > at) {
                return log.topics().get(at);
            }
        }
        return values.hash();
    }

    /** Every log of every stored block in the range, checked one by one. */
    private LogQueryResult bruteForce(LogQuery query) {
        if (query.toBlock() < query.fromBlock()) {
            return new LogQueryResult.Complete(List.of());
        }
        List<BlockRange> missing = new ArrayList<>();
        long lastStored = FIRST + BLOCKS - 1;
        if (query.fromBlock() < FIRST) {
            missing.add(new BlockRange(query.fromBlock(), Math.min(query.toBlock(), FIRST - 1)));
        }
        if (query.toBlock() > lastStored) {
            missing.add(
                    new BlockRange(Math.max(query.fromBlock(), lastStored + 1), query.toBlock()));
        }
        if (!missing.isEmpty()) {
            return new LogQueryResult.Unavailable(missing);
        }
        List<LogEntry> out = new ArrayList<>();
        for (FullBlock block : chain) {
            if (block.number() < query.fromBlock() || block.number() > query.toBlock()) {
                continue;
            }
            List<LogEntry> matches = new ArrayList<>();
            int logIndex = 0;
            for (int tx = 0; tx < block.receipts().size(); tx++) {
                Receipt receipt = block.receipts().get(tx);
                for (Log log : receipt.logs()) {
                    if (matches(query, log)) {
                        matches.add(
                                new LogEntry(
                                        block.number(),
                                        block.hash(),
                                        block.header().timestamp(),
                                        tx,
                                        block.body().transactions().get(tx).hash(),
                                        logIndex,
                                        log));
                    }
                    logIndex++;
                }
            }
            if (out.size() + matches.size() > query.maxResults()) {
                return new LogQueryResult.TooManyResults(
                        out, block.number() - 1, query.maxResults());
            }
            out.addAll(matches);
        }
        return new LogQueryResult.Complete(out);
    }

    private static boolean matches(LogQuery query, Log log) {
        if (!query.addresses().isEmpty() && !query.addresses().contains(log.address())) {
            return false;
        }
        if (log.topics().size() < query.topics().size()) {
            return false;
        }
        for (int p = 0; p < query.topics().size(); p++) {
            List<Hash> alternatives = query.topics().get(p);
            if (!alternatives.isEmpty()
                    && (log.topics().size() <= p || !alternatives.contains(log.topics().get(p)))) {
                return false;
            }
        }
        return true;
    }
}
