package io.annals.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.devnet.Devnet;
import io.annals.devnet.DevnetSettings;
import io.annals.devnet.chain.GeneratedChain;
import io.annals.node.service.AnnalsNode;
import io.annals.store.ChainIdentity;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import io.annals.store.VerificationReport;
import io.annals.sync.SyncMode;
import io.annals.sync.SyncStats;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole node over real sockets and a real LevelDB: 5,000 mainnet-like blocks (about 250 KB of
 * body and receipts each) from eight devnet peers, one serving every block with corrupt receipts
 * and one with corrupt bodies. Every block ends in the store exactly once (counted at the store's
 * door), the store verifies (roots recomputed from what was stored), its canonical hashes are the
 * devnet's, and so no corrupt answer was ever written, although both corrupt peers were asked.
 */
class MainnetLikeSyncTest {
    private static final Logger LOG = LoggerFactory.getLogger(MainnetLikeSyncTest.class);
    private static final long HEAD = 5_000;
    private static final int CORRUPT_RECEIPTS = 2;
    private static final int CORRUPT_BODIES = 5;

    @TempDir Path dir;

    @Test
    void syncsFiveThousandMainnetLikeBlocksFromEightPeersTwoOfThemCorrupt() throws Exception {
        DevnetSettings devnetSettings =
                TestNetwork.devnet(
                        8,
                        HEAD,
                        "seed = 11, faults = ["
                                + " { peers = ["
                                + CORRUPT_RECEIPTS
                                + "], corrupt { receipts = true, share = 1.0 } },"
                                + " { peers = ["
                                + CORRUPT_BODIES
                                + "], corrupt { bodies = true, share = 1.0 } } ]");
        Path data = dir.resolve("node");
        WriteCounter[] counter = new WriteCounter[1];
        long corruptRequests;
        SyncStats end;
        double seconds;
        try (Devnet devnet = Devnet.create(devnetSettings)) {
            devnet.start();
            long started = System.nanoTime();
            try (AnnalsNode node =
                    TestNetwork.startNode(
                            TestNetwork.nodeConfig(devnet, data, ""),
                            store -> {
                                counter[0] = WriteCounter.around(store);
                                return counter[0].store();
                            })) {
                end =
                        TestNetwork.await(
                                node,
                                Duration.ofMinutes(3),
                                stats ->
                                        TestNetwork.head(stats) >= HEAD
                                                && stats.mode() == SyncMode.FOLLOW,
                                "synced to " + HEAD);
                seconds = (System.nanoTime() - started) / 1e9;
            }
            corruptRequests =
                    devnet.stats(CORRUPT_RECEIPTS).requests()
                            + devnet.stats(CORRUPT_BODIES).requests();
        }
        LOG.info(
                "{} mainnet-like blocks in {} s ({} blocks/s), {} store writes, {} blocks offered again, {} requests"
                        + " to the corrupt peers",
                HEAD + 1,
                String.format("%.1f", seconds),
                String.format("%.0f", (HEAD + 1) / seconds),
                counter[0].batches(),
                counter[0].offeredAgain(),
                corruptRequests);

        assertThat(end.failure()).isEmpty();
        assertThat(corruptRequests).as("the corrupt peers were asked for blocks").isGreaterThan(0);
        Map<Long, Integer> writes = counter[0].writes();
        assertThat(writes).hasSize((int) HEAD + 1);
        assertThat(writes.values()).as("every block written exactly once").containsOnly(1);
        assertThat(end.writer().orElseThrow().written()).isEqualTo(HEAD + 1);

        try (GeneratedChain reference = TestNetwork.generatedChain(devnetSettings);
                HistoryStore store =
                        HistoryStore.open(
                                data.resolve("store"),
                                new ChainIdentity(
                                        reference.spec().chainId(), reference.genesisHash()),
                                StoreSettings.defaults())) {
            VerificationReport report = store.verify();
            assertThat(report.problems()).isEmpty();
            assertThat(report.blocks()).isEqualTo(HEAD + 1);
            assertThat(store.contiguousHead()).hasValue(HEAD);
            for (long n = 0; n <= HEAD; n++) {
                assertThat(store.canonicalHash(n))
                        .as("block %d", n)
                        .isEqualTo(reference.store().canonicalHash(n));
            }
        }
    }
}
