package io.annals.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.annals.core.types.Hash;
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
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reorgs at the tip over the real network: a node follows a devnet of four RLPx peers, and the
 * devnet replaces its top blocks by a sibling branch ({@link Devnet#reorg}), each peer switching
 * after its own propagation delay. Reorgs of depth 1, 3 and 20 end with the node on the devnet's
 * branch, checked over JSON-RPC ({@code eth_getBlockByNumber}) as they happen and block by block in
 * the node's store against the devnet's chain at the end; a reorg one block deeper than the
 * rollback window (64) stops sync with the reason, and the store keeps the old branch, whole.
 */
class ReorgTest {
    private static final int PEERS = 4;
    private static final long HEAD = 200;
    private static final long WINDOW = 64;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Pattern HASH = Pattern.compile("\"hash\"\\s*:\\s*\"(0x[0-9a-f]{64})\"");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir Path dir;

    @Test
    void reorgsOfDepthOneThreeAndTwentyAtTheTipEndOnTheDevnetsBranch() throws Exception {
        DevnetSettings settings = devnet();
        Path data = dir.resolve("node");
        long head;
        Hash headHash;
        long lowestForkPoint = HEAD;
        try (Devnet devnet = Devnet.create(settings);
                AnnalsNode node = following(devnet, data)) {
            int rollbacks = 0;
            for (int depth : new int[] {1, 3, 20}) {
                Hash oldHead = devnet.headHash();
                lowestForkPoint = Math.min(lowestForkPoint, devnet.head() - depth);
                devnet.reorg(depth);
                rollbacks++;
                onDevnetHead(node, devnet, rollbacks, "after a reorg of depth " + depth);
                assertThat(blockHash(node, devnet.head()))
                        .as("the old head %s is gone", oldHead)
                        .contains(devnet.headHash());
                devnet.advance(2);
                onDevnetHead(
                        node, devnet, rollbacks, "growing again after the reorg of depth " + depth);
            }
            head = devnet.head();
            headHash = devnet.headHash();
            SyncStats end = TestNetwork.await(node, WAIT, stats -> true, "answering");
            assertThat(end.failure()).isEmpty();
            assertThat(end.mode()).isEqualTo(SyncMode.FOLLOW);
            assertThat(end.writer().orElseThrow().rollbacks()).isEqualTo(3);
        }
        try (GeneratedChain reference = TestNetwork.generatedChain(settings);
                HistoryStore store =
                        HistoryStore.open(
                                data.resolve("store"),
                                new ChainIdentity(
                                        reference.spec().chainId(), reference.genesisHash()),
                                StoreSettings.defaults())) {
            VerificationReport report = store.verify();
            assertThat(report.problems()).isEmpty();
            assertThat(store.contiguousHead()).hasValue(head);
            assertThat(store.presentRanges()).hasSize(1);
            // the devnet's store holds its original branch again once reopened: compare below the
            // reorgs, and above them follow the parent links down from the devnet's last head
            for (long n = 0; n <= lowestForkPoint; n++) {
                assertThat(store.canonicalHash(n))
                        .as("block %d", n)
                        .isEqualTo(reference.store().canonicalHash(n));
            }
            assertThat(store.canonicalHash(head)).contains(headHash);
            for (long n = head; n > lowestForkPoint; n--) {
                assertThat(store.header(n).orElseThrow().parentHash())
                        .as("block %d's parent", n)
                        .isEqualTo(store.canonicalHash(n - 1).orElseThrow());
            }
        }
    }

    @Test
    void aReorgDeeperThanTheWindowStopsSyncAndTheStoreKeepsItsBranch() throws Exception {
        DevnetSettings settings = devnet();
        Path data = dir.resolve("node");
        Map<Long, Optional<Hash>> before = new TreeMap<>();
        try (Devnet devnet = Devnet.create(settings);
                AnnalsNode node = following(devnet, data)) {
            for (long n = HEAD - WINDOW - 5; n <= HEAD; n++) {
                before.put(n, blockHash(node, n));
            }
            devnet.reorg((int) WINDOW + 1);
            String reason = node.syncFailed().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(reason).contains("exceeds the rollback window of " + WINDOW);
            SyncStats stopped =
                    TestNetwork.await(
                            node, WAIT, stats -> stats.peers() == 0, "without peer actors");
            assertThat(stopped.writer().orElseThrow().rollbacks()).isZero();
            assertThat(TestNetwork.head(stopped)).isEqualTo(HEAD);
            for (long n = HEAD - WINDOW - 5; n <= HEAD; n++) {
                assertThat(blockHash(node, n))
                        .as("block %d over JSON-RPC", n)
                        .isEqualTo(before.get(n));
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
            assertThat(store.contiguousHead()).hasValue(HEAD);
            assertThat(store.presentRanges()).hasSize(1);
            for (long n = HEAD - WINDOW - 5; n <= HEAD; n++) {
                assertThat(store.canonicalHash(n))
                        .as("block %d keeps the old branch", n)
                        .isEqualTo(before.get(n));
            }
        }
    }

    /** Four peers at head 200, small blocks, still (the test moves the head). */
    private static DevnetSettings devnet() {
        return TestNetwork.devnet(PEERS, HEAD, "seed = 31, " + TestNetwork.SMALL_SHAPE);
    }

    private static AnnalsNode following(Devnet devnet, Path data) {
        devnet.start();
        AnnalsNode node = TestNetwork.startNode(TestNetwork.nodeConfig(devnet, data, ""));
        TestNetwork.await(
                node,
                Duration.ofSeconds(60),
                stats -> stats.mode() == SyncMode.FOLLOW && TestNetwork.head(stats) >= HEAD,
                "following at " + HEAD);
        return node;
    }

    /** Waits until the node stored the devnet's head after {@code rollbacks} rollbacks in all. */
    private static void onDevnetHead(AnnalsNode node, Devnet devnet, int rollbacks, String what) {
        long head = devnet.head();
        Hash hash = devnet.headHash();
        TestNetwork.await(
                node,
                WAIT,
                stats ->
                        stats.writer().map(writer -> writer.rollbacks() >= rollbacks).orElse(false)
                                && TestNetwork.head(stats) >= head
                                && stored(node, head, hash),
                "on the devnet's head " + what);
    }

    private static boolean stored(AnnalsNode node, long number, Hash hash) {
        try {
            return blockHash(node, number).filter(hash::equals).isPresent();
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /**
     * The hash of block {@code number} as the node's JSON-RPC serves it ({@code
     * eth_getBlockByNumber}).
     */
    private static Optional<Hash> blockHash(AnnalsNode node, long number)
            throws IOException, InterruptedException {
        int port = node.rpcAddress().orElseThrow().getPort();
        HttpRequest request =
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                        .timeout(Duration.ofSeconds(5))
                        .header("Content-Type", "application/json")
                        .POST(
                                HttpRequest.BodyPublishers.ofString(
                                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":"
                                                + "\"eth_getBlockByNumber\",\"params\":[\"0x"
                                                + Long.toHexString(number)
                                                + "\", false]}"))
                        .build();
        Matcher hash =
                HASH.matcher(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
        return hash.find() ? Optional.of(Hash.fromHex(hash.group(1))) : Optional.empty();
    }
}
