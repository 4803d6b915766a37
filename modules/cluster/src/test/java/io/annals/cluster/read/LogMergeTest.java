package io.annals.cluster.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.Address;
import io.annals.core.types.Hash;
import io.annals.store.BlockRange;
import io.annals.store.HistoryStore;
import io.annals.store.LogEntry;
import io.annals.store.LogQuery;
import io.annals.store.LogQueryResult;
import io.annals.sync.testing.StoreFixture;
import io.annals.sync.testing.TestChain;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log query cut into pieces, each answered by a real store with the full limit, merges into
 * exactly the answer the store gives for the whole query: the same logs, the same stop block for
 * too many results, the same missing runs (joined across pieces). Seeded random queries over a
 * store with a gap, with limits small enough to hit the too-many case often.
 */
class LogMergeTest {

    @TempDir Path folder;

    @Test
    void piecewiseAnswersMergeIntoTheWholeStoresAnswer() {
        TestChain chain = TestChain.of(91, 1_200, 6);
        try (HistoryStore store = StoreFixture.open(folder, chain)) {
            store.write(chain.blocks(0, 499));
            store.write(chain.blocks(620, 1_199));
            List<LogEntry> every =
                    ((LogQueryResult.Complete) store.logs(LogQuery.range(0, 499))).logs();
            assertThat(every).as("the chain has logs to filter").hasSizeGreaterThan(100);
            Random random = new Random(5);
            int tooMany = 0;
            int unavailable = 0;
            for (int round = 0; round < 400; round++) {
                long from = random.nextInt(1_250);
                long to = from + random.nextInt(400);
                LogQuery query = randomQuery(random, every, from, to);
                LogQueryResult whole = store.logs(query);
                LogQueryResult merged =
                        LogMerge.merge(pieces(store, query, random), query.maxResults());
                assertThat(merged).as("query %s", query).isEqualTo(whole);
                tooMany += whole instanceof LogQueryResult.TooManyResults ? 1 : 0;
                unavailable += whole instanceof LogQueryResult.Unavailable ? 1 : 0;
            }
            assertThat(tooMany).as("too-many answers among the rounds").isGreaterThan(20);
            assertThat(unavailable).as("answers with missing blocks").isGreaterThan(20);
        }
    }

    /** The query cut at 100-block boundaries and at random points, each piece asked alone. */
    private static List<LogMerge.Piece> pieces(HistoryStore store, LogQuery query, Random random) {
        List<LogMerge.Piece> pieces = new ArrayList<>();
        long first = query.fromBlock();
        while (first <= query.toBlock()) {
            long boundary = (first / 100) * 100 + 99;
            long last = Math.min(query.toBlock(), boundary);
            if (random.nextBoolean() && last > first) {
                last = first + random.nextInt((int) (last - first));
            }
            BlockRange blocks = BlockRange.of(first, last);
            if (last >= 1_200 || (first >= 500 && last < 620)) {
                // a piece nobody holds: the cluster knows it is missing without asking
                pieces.add(new LogMerge.Absent(blocks));
            } else {
                pieces.add(
                        new LogMerge.Held(
                                blocks,
                                store.logs(
                                        new LogQuery(
                                                first,
                                                last,
                                                query.addresses(),
                                                query.topics(),
                                                query.maxResults()))));
            }
            first = last + 1;
        }
        return pieces;
    }

    private static LogQuery randomQuery(Random random, List<LogEntry> every, long from, long to) {
        int limit = 1 + random.nextInt(random.nextBoolean() ? 20 : 400);
        LogEntry sample = every.get(random.nextInt(every.size()));
        List<Address> addresses = new ArrayList<>();
        List<List<Hash>> topics = new ArrayList<>();
        switch (random.nextInt(4)) {
            case 0 -> {}
            case 1 -> addresses.add(sample.log().address());
            case 2 -> {
                if (!sample.log().topics().isEmpty()) {
                    topics.add(List.of(sample.log().topics().get(0)));
                }
            }
            default -> {
                addresses.add(sample.log().address());
                addresses.add(every.get(random.nextInt(every.size())).log().address());
                topics.add(List.of());
            }
        }
        return new LogQuery(from, to, addresses, topics, limit);
    }
}
