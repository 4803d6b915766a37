package io.annals.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.ConfigRenderOptions;
import io.annals.devnet.Devnet;
import io.annals.devnet.DevnetSettings;
import io.annals.devnet.chain.DevnetChainSpec;
import io.annals.devnet.chain.GeneratedChain;
import io.annals.store.ChainIdentity;
import io.annals.store.HistoryStore;
import io.annals.store.StoreSettings;
import io.annals.store.VerificationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Crash safety of the whole node: the node runs as its own process syncing mainnet-like blocks from
 * a devnet and is killed with SIGKILL at random moments while it writes blocks, three times, each
 * time restarted on the same data directory. After every kill the store opens and verifies (every
 * present block's roots recomputed from what was stored) and holds at least what the node had
 * reported over JSON-RPC before the kill; after the last restart the node syncs to the head, stops
 * on SIGTERM, and the store holds every block exactly once, with the devnet's hashes.
 */
class CrashRestartTest {
    private static final Logger LOG = LoggerFactory.getLogger(CrashRestartTest.class);
    private static final long HEAD = 2_500;
    private static final int KILLS = 3;
    private static final Duration START = Duration.ofSeconds(60);

    @TempDir Path dir;

    @Test
    void survivesSigkillAtRandomMomentsAndResumesWithNothingLostOrDuplicated() throws Exception {
        DevnetSettings devnetSettings = TestNetwork.devnet(8, HEAD, "seed = 23");
        Path data = dir.resolve("node");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        LOG.info("kill moments from seed {}", seed);
        try (Devnet devnet = Devnet.create(devnetSettings)) {
            devnet.start();
            Path config = dir.resolve("node.conf");
            Files.writeString(
                    config,
                    TestNetwork.nodeHocon(devnet.enodes(), data)
                            + "annals.chain = "
                            + DevnetChainSpec.toConfig(devnet.chainSpec())
                                    .getValue("annals.chain")
                                    .render(ConfigRenderOptions.concise())
                            + "\n");
            ChainIdentity chain =
                    new ChainIdentity(
                            devnet.chainSpec().chainId(), devnet.chainSpec().genesisHash());

            long storedBefore = -1;
            for (int kill = 1; kill <= KILLS; kill++) {
                long reported;
                String log;
                try (NodeProcess node =
                        NodeProcess.start(config, dir.resolve("node-" + kill + ".log"))
                                .awaitRpc(START)) {
                    awaitProgress(node, storedBefore);
                    Thread.sleep(
                            random.nextInt(
                                    3_000)); // the random moment, while blocks are being written
                    reported = node.storedHead();
                    node.kill();
                    log = node.tail();
                }
                long stored = verifiedHead(data, chain);
                LOG.info(
                        "kill {}: the node reported head {} just before SIGKILL; the store verifies, head {}",
                        kill,
                        reported,
                        stored);
                assertThat(stored)
                        .as(
                                "nothing reported as stored is lost (kill %d); the node's last lines:%n%s",
                                kill, log)
                        .isGreaterThanOrEqualTo(reported);
                assertThat(stored)
                        .as("the store never goes backwards across restarts")
                        .isGreaterThanOrEqualTo(storedBefore);
                storedBefore = stored;
            }

            try (NodeProcess node =
                    NodeProcess.start(config, dir.resolve("node-final.log")).awaitRpc(START)) {
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                while (node.storedHead() < HEAD && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertThat(node.storedHead())
                        .as("resumed and synced to the head:\n%s", node.tail())
                        .isEqualTo(HEAD);
                assertThat(node.terminate(Duration.ofSeconds(30)))
                        .as("exit code after SIGTERM")
                        .isIn(0, 143);
            }
        }

        try (GeneratedChain reference = TestNetwork.generatedChain(devnetSettings);
                HistoryStore store =
                        HistoryStore.open(
                                data.resolve("store"),
                                new ChainIdentity(
                                        reference.spec().chainId(), reference.genesisHash()),
                                StoreSettings.defaults())) {
            VerificationReport report = store.verify();
            assertThat(report.problems()).isEmpty();
            assertThat(report.blocks()).as("every block exactly once").isEqualTo(HEAD + 1);
            assertThat(store.contiguousHead()).hasValue(HEAD);
            for (long n = 0; n <= HEAD; n++) {
                assertThat(store.canonicalHash(n))
                        .as("block %d", n)
                        .isEqualTo(reference.store().canonicalHash(n));
            }
        }
    }

    /** Waits until this run of the node has stored something beyond what the store held before. */
    private static void awaitProgress(NodeProcess node, long storedBefore) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (node.storedHead() <= storedBefore) {
            assertThat(System.nanoTime())
                    .as("the node stores blocks after a restart:%n%s", node.tail())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /**
     * Opens the killed node's store, verifies it and returns its contiguous head (-1: nothing yet).
     */
    private static long verifiedHead(Path data, ChainIdentity chain) {
        Path storeDir = data.resolve("store");
        if (!Files.exists(storeDir)) {
            return -1;
        }
        try (HistoryStore store = HistoryStore.open(storeDir, chain, StoreSettings.defaults())) {
            VerificationReport report = store.verify();
            assertThat(report.problems()).as("the store after SIGKILL verifies").isEmpty();
            OptionalLong head = store.contiguousHead();
            return head.orElse(-1);
        }
    }
}
