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
import io.annals.sync.SyncStats;
import io.annals.sync.model.SyncMode;
import java.nio.file.Path;
import java.time.Duration;
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
        long corruptRequests;
        SyncStats end;
        double seconds;
        try (Devnet devnet = Devnet.create(devnetSettings)) {
            devnet.start();
            long started = System.nanoTime();
            try (AnnalsNode node =
                    TestNetwork.startNode(TestNetwork.nodeConfig(devnet, data, ""))) {
                end =
                        TestNetwork.await(
                                node,
                                Duration.ofMinutes(3),
                                // the writer's figures may trail the head in one snapshot: wait
                                // for them too (a block written twice would still show, as more)
                                stats ->
                                        TestNetwork.head(stats) >= HEAD
                                                && stats.mode() == SyncMode.FOLLOW
                                                && stats.writer()
                                                        .map(w -> w.written() >= HEAD + 1)
                                                        .orElse(false),
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
                end.writer().orElseThrow().writes(),
                end.writer().orElseThrow().persisted() - end.writer().orElseThrow().written(),
                corruptRequests);

        assertThat(end.failure()).isEmpty();
        assertThat(corruptRequests).as("the corrupt peers were asked for blocks").isGreaterThan(0);
        // the store writes only blocks it does not hold: with nothing rolled back, as many blocks
        // written as there are blocks means every block was written exactly once
        assertThat(end.writer().orElseThrow().rollbacks()).isZero();
        assertThat(end.writer().orElseThrow().written())
                .as("every block written exactly once")
                .isEqualTo(HEAD + 1);

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
