package io.annals.sync.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.store.HistoryStore;
import io.annals.sync.SyncChildren;
import io.annals.sync.SyncStats;
import io.annals.sync.model.SyncMode;
import io.annals.sync.testing.FakePeerLink;
import io.annals.sync.testing.StoreFixture;
import io.annals.sync.testing.TestChain;
import io.annals.sync.write.SyncStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Invariant 4 with the real engine and a real LevelDB: 10,000 blocks from 8 peers, every one of
 * which fails a fifth of its batches at random; two disconnect in the middle of a batch, one is
 * stuck on an old head, one lies (bodies and receipts that do not match their headers). Every block
 * ends in the store exactly once, the store verifies, the lagging peer is never asked for a block
 * above its head, and none of the liar's blocks is written. These are invariants, true whatever
 * order the peers' answers come in.
 */
class HistoricalSyncTest {

    private static final Logger LOG = LoggerFactory.getLogger(HistoricalSyncTest.class);
    private static final int BLOCKS = 10_000;
    private static final long HEAD = BLOCKS - 1;
    private static final long LAGGING_HEAD = 6_000;

    /**
     * A fifth of all requests fail, so about half of all batches do, and each failed batch benches
     * its peer for the peer backoff: at the default 500 ms that is most of a run's wall-clock time.
     * The backoffs are shortened to keep the test fast; what it checks does not depend on them.
     */
    static final String QUICK_BACKOFF =
            "annals.sync.historical { peer-backoff-initial = 50ms,"
                    + " block-backoff-initial = 50ms }";

    @TempDir Path folder;

    @Test
    void tenThousandBlocksFromFailingDisconnectingLaggingAndLyingPeersLandOnceEach() {
        TestChain chain = TestChain.of(21, BLOCKS, 2);
        List<FakePeerLink> peers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            peers.add(new FakePeerLink("honest-" + i, chain, HEAD, 100 + i).failing(0.2));
        }
        FakePeerLink liar = new FakePeerLink("liar", chain, HEAD, 104).failing(0.2).lying();
        FakePeerLink leaving1 =
                new FakePeerLink("leaving-1", chain, HEAD, 105)
                        .failing(0.2)
                        .disconnectingOnBodiesRequest(2);
        FakePeerLink leaving2 =
                new FakePeerLink("leaving-2", chain, HEAD, 106)
                        .failing(0.2)
                        .disconnectingOnBodiesRequest(3);
        FakePeerLink lagging = new FakePeerLink("lagging", chain, LAGGING_HEAD, 107).failing(0.2);
        peers.addAll(List.of(liar, leaving1, leaving2, lagging));

        try (HistoryStore store = StoreFixture.open(folder, chain)) {
            CountingStore counting = new CountingStore(SyncStore.of(store));
            long started = System.nanoTime();
            SyncStats end;
            try (EngineRun run =
                    new EngineRun(
                            "historical",
                            counting,
                            SyncChildren.standard(counting),
                            QUICK_BACKOFF)) {
                peers.forEach(run::connect);
                end = run.awaitContiguousHead(HEAD, Duration.ofSeconds(90));
                LOG.info(
                        "10,000 blocks in {} ms: {}",
                        (System.nanoTime() - started) / 1_000_000,
                        end);
                // every peer gets batches from the start (there are ~80 of them), so both reach
                // their cut early
                assertThat(List.of(leaving1, leaving2))
                        .allSatisfy(peer -> assertThat(peer.closed()).isDone());
                SyncStats settled =
                        run.awaitStats(
                                Duration.ofSeconds(10),
                                stats -> stats.peers() == 6,
                                "6 peers left");
                assertThat(settled.failure()).isEmpty();
                assertThat(settled.mode())
                        .as("the historical target was reached, the tip followed")
                        .isEqualTo(SyncMode.FOLLOW);
            }

            Map<Long, Integer> written = counting.written();
            assertThat(written).hasSize(BLOCKS);
            assertThat(written.values())
                    .as("every block written exactly once")
                    .allMatch(times -> times == 1);
            assertThat(store.contiguousHead()).hasValue(HEAD);
            assertThat(store.verify().problems()).isEmpty();
            for (long n = 0; n <= HEAD; n++) {
                assertThat(store.canonicalHash(n))
                        .as("block %d", n)
                        .contains(chain.block(n).hash());
            }
            assertThat(lagging.askedAboveHead())
                    .as("the lagging peer is never asked above its head")
                    .isZero();
            assertThat(lagging.highestAsked()).isLessThanOrEqualTo(LAGGING_HEAD);
            assertThat(liar.bodiesServed()).as("the liar was asked").isNotEmpty();
            long handedMoreThanOnce =
                    counting.handed().values().stream().filter(times -> times > 1).count();
            LOG.info(
                    "bodies served: {}; blocks handed to the store more than once (skipped as stored): {}",
                    peers.stream()
                            .map(
                                    peer ->
                                            peer.id()
                                                    + "="
                                                    + peer.bodiesServed().values().stream()
                                                            .mapToInt(Integer::intValue)
                                                            .sum())
                            .toList(),
                    handedMoreThanOnce);
        }
    }
}
