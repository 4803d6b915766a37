package io.annals.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.devnet.Devnet;
import io.annals.devnet.DevnetSettings;
import io.annals.devnet.chain.GeneratedChain;
import io.annals.node.service.AnnalsNode;
import io.annals.store.ChainIdentity;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import io.annals.sync.SyncStats;
import io.annals.sync.head.HeadStats;
import io.annals.sync.model.SyncMode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The network as it is since the merge, end to end over real RLPx: one devnet peer that speaks
 * eth/68 only and so never announces a block (its Status head hash is all it says), growing by
 * itself a block every 400 ms. The node syncs to its head, switches to follow mode and follows 50
 * new blocks it learns of only by asking; the store ends with every block, on the devnet's chain.
 */
class FollowWithoutAnnouncementsTest {
    private static final long HEAD = 120;
    private static final int NEW_BLOCKS = 50;
    private static final Duration BLOCK_TIME = Duration.ofMillis(400);

    @TempDir Path dir;

    @Test
    void aSinglePeerThatAnnouncesNothingIsFollowedByAskingIt() {
        DevnetSettings settings =
                TestNetwork.devnet(
                        1,
                        HEAD,
                        "seed = 21, "
                                + TestNetwork.SMALL_SHAPE
                                + ", block-time = "
                                + BLOCK_TIME.toMillis()
                                + "ms"
                                + ", announcements = [ { peers = all, mode = none } ]");
        Path data = dir.resolve("node");
        long followedTo;
        try (Devnet devnet = Devnet.create(settings)) {
            devnet.start();
            try (AnnalsNode node =
                    TestNetwork.startNode(
                            TestNetwork.nodeConfig(
                                    devnet,
                                    data,
                                    "annals.sync.head.block-time = "
                                            + BLOCK_TIME.toMillis()
                                            + "ms\n"
                                            + "annals.sync.follow.head-poll-interval = 200ms"))) {
                TestNetwork.await(
                        node,
                        Duration.ofSeconds(60),
                        stats -> stats.mode() == SyncMode.FOLLOW && TestNetwork.head(stats) >= HEAD,
                        "following at " + HEAD);
                followedTo = devnet.head() + NEW_BLOCKS;
                SyncStats end =
                        TestNetwork.await(
                                node,
                                Duration.ofSeconds(120),
                                stats -> TestNetwork.head(stats) >= followedTo,
                                "followed " + NEW_BLOCKS + " new blocks");
                HeadStats.Discovery discovery = end.head().orElseThrow().discovery();
                assertThat(end.failure()).isEmpty();
                assertThat(end.mode()).isEqualTo(SyncMode.FOLLOW);
                assertThat(discovery.byAnnouncement()).as("the peer announces nothing").isZero();
                assertThat(discovery.byPoll())
                        .as("the new heads were found by asking")
                        .isPositive();
                assertThat(end.writer().orElseThrow().rollbacks()).isZero();
            }
        }
        try (GeneratedChain reference = TestNetwork.generatedChain(settings);
                HistoryStore store =
                        HistoryStore.open(
                                data.resolve("store"),
                                new ChainIdentity(
                                        reference.spec().chainId(), reference.genesisHash()),
                                StoreSettings.defaults())) {
            assertThat(store.verify().problems()).isEmpty();
            assertThat(store.presentRanges()).as("one run: stored in order").hasSize(1);
            assertThat(store.contiguousHead().orElseThrow()).isGreaterThanOrEqualTo(followedTo);
            for (long n = 0; n <= followedTo; n++) {
                assertThat(store.canonicalHash(n))
                        .as("block %d", n)
                        .isEqualTo(reference.store().canonicalHash(n));
            }
        }
    }
}
