package io.annals.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.BlockRange;
import io.annals.store.HistoryStore;
import io.annals.sync.testing.FakePeerLink;
import io.annals.sync.testing.StoreFixture;
import io.annals.sync.testing.TestChain;
import io.annals.sync.write.SyncStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sync stops in the middle (batches in flight, blocks waiting for the writer), the store is closed
 * and reopened, and a new engine resumes: it fetches everything that was not durable and nothing
 * that was. The head tracker seeds the scheduler with the target minus what the store holds.
 */
class RestartResumeTest {

    private static final Logger LOG = LoggerFactory.getLogger(RestartResumeTest.class);
    private static final int BLOCKS = 3_000;
    private static final long HEAD = BLOCKS - 1;
    private static final long STUCK_FROM = 1_500;

    @TempDir Path folder;

    @Test
    void aRestartedEngineFetchesNothingThatWasDurable() {
        TestChain chain = TestChain.of(31, BLOCKS, 2);
        List<FakePeerLink> first =
                peers(chain, "first").map(peer -> peer.withholdingFrom(STUCK_FROM)).toList();
        try (HistoryStore store = StoreFixture.open(folder, chain);
                EngineRun run = new EngineRun("first-run", SyncStore.of(store))) {
            first.forEach(run::connect);
            run.awaitStats(
                    Duration.ofSeconds(60),
                    stats ->
                            stats.scheduler()
                                            .map(
                                                    s ->
                                                            s.inflight() > 0
                                                                    && s.lowestWaiting()
                                                                            >= STUCK_FROM - 200)
                                            .orElse(false)
                                    && stats.persistedBlocks() >= STUCK_FROM - 200,
                    "stuck mid-sync with batches in flight");
        } // the engine stops with batches in flight, then the store closes

        List<BlockRange> durable;
        List<FakePeerLink> second = peers(chain, "second").toList();
        try (HistoryStore store = StoreFixture.open(folder, chain)) {
            durable = store.presentRanges();
            long durableBlocks = durable.stream().mapToLong(BlockRange::size).sum();
            assertThat(durableBlocks).as("stopped mid-sync").isBetween(STUCK_FROM - 200, HEAD - 1);
            try (EngineRun run = new EngineRun("second-run", SyncStore.of(store))) {
                second.forEach(run::connect);
                run.awaitContiguousHead(HEAD, Duration.ofSeconds(60));
            }
            assertThat(store.verify().problems()).isEmpty();
            assertThat(store.canonicalHash(HEAD)).contains(chain.block(HEAD).hash());

            Map<Long, Integer> refetched = new TreeMap<>();
            second.forEach(peer -> refetched.putAll(peer.bodiesServed()));
            for (BlockRange run : durable) {
                assertThat(refetched.keySet())
                        .as("durable blocks %s fetched again", run)
                        .noneMatch(block -> block >= run.first() && block <= run.last());
            }
            Map<Long, Integer> fetches = new TreeMap<>();
            Stream.concat(first.stream(), second.stream())
                    .forEach(
                            peer ->
                                    peer.bodiesServed()
                                            .forEach(
                                                    (block, times) ->
                                                            fetches.merge(
                                                                    block, times, Integer::sum)));
            LOG.info(
                    "durable after the first run: {} blocks in {}; second run fetched {} blocks; blocks fetched more "
                            + "than once over both runs: {}",
                    durableBlocks,
                    durable,
                    refetched.size(),
                    fetches.values().stream().filter(times -> times > 1).count());
        }
    }

    private static Stream<FakePeerLink> peers(TestChain chain, String prefix) {
        return Stream.of(0, 1, 2).map(i -> new FakePeerLink(prefix + "-" + i, chain, HEAD, i));
    }
}
